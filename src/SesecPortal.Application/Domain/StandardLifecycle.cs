namespace SesecPortal.Application.Domain;

/// <summary>
/// What a standard's status is on a given day: a published standard whose effective date has come is in force;
/// before that day it reads "Published, in force from 1 April 2022". A withdrawal or a supersession counts from its
/// date: before that day the standard is still what it was, and says what is coming ("In force, withdrawn from ...").
/// </summary>
public static class StandardLifecycle
{
    public static StandardStatus CurrentStatus(StandardStatus stored, DateOnly? effectiveOn, DateOnly? withdrawnOn, DateOnly today) =>
        CurrentStatus(stored, effectiveOn, withdrawnOn, supersededOn: null, today);

    /// <param name="supersededOn">The day the replacement takes over (its effective date, else its publication date), when there is one.</param>
    public static StandardStatus CurrentStatus(StandardStatus stored, DateOnly? effectiveOn, DateOnly? withdrawnOn, DateOnly? supersededOn, DateOnly today)
    {
        if (supersededOn is { } s && s <= today)
        {
            return StandardStatus.Superseded;
        }

        if (withdrawnOn is { } w && w <= today && stored is not StandardStatus.Superseded)
        {
            return StandardStatus.Withdrawn;
        }

        // Recorded as superseded or withdrawn, but the day has not come: it is still published or in force until then.
        var pending = (stored is StandardStatus.Superseded && supersededOn > today) || (stored is StandardStatus.Withdrawn && withdrawnOn > today);
        if (pending)
        {
            return effectiveOn is { } e0 && e0 > today ? StandardStatus.Published : StandardStatus.InForce;
        }

        return stored switch
        {
            StandardStatus.Published when effectiveOn is { } e && e <= today => StandardStatus.InForce,
            StandardStatus.InForce when effectiveOn is { } e && e > today => StandardStatus.Published,
            _ => stored,
        };
    }

    public static string Describe(StandardStatus stored, DateOnly? effectiveOn, DateOnly? withdrawnOn, DateOnly today) =>
        Describe(stored, effectiveOn, withdrawnOn, supersededOn: null, supersededBy: null, today);

    /// <param name="supersededBy">The replacement's code, named when its day is still to come.</param>
    public static string Describe(
        StandardStatus stored, DateOnly? effectiveOn, DateOnly? withdrawnOn, DateOnly? supersededOn, string? supersededBy, DateOnly today)
    {
        var current = CurrentStatus(stored, effectiveOn, withdrawnOn, supersededOn, today);
        var text = current == StandardStatus.Published && effectiveOn is { } e && e > today
            ? $"Published, in force from {PartialDate.Format(e)}"
            : Labels.Of(current);
        if (current is StandardStatus.Published or StandardStatus.InForce)
        {
            if (supersededOn is { } s && s > today)
            {
                text += supersededBy is null ? $", superseded from {PartialDate.Format(s)}" : $", superseded by {supersededBy} from {PartialDate.Format(s)}";
            }
            else if (withdrawnOn is { } w && w > today)
            {
                text += $", withdrawn from {PartialDate.Format(w)}";
            }
        }

        return text;
    }
}
