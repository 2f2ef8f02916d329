namespace SesecPortal.Application.Domain;

/// <summary>
/// What a standard's status is on a given day: a published standard whose effective date has come is in force;
/// before that day it reads "Published, in force from 1 April 2022".
/// </summary>
public static class StandardLifecycle
{
    public static StandardStatus CurrentStatus(StandardStatus stored, DateOnly? effectiveOn, DateOnly? withdrawnOn, DateOnly today)
    {
        if (withdrawnOn is { } w && w <= today && stored is not StandardStatus.Superseded)
        {
            return StandardStatus.Withdrawn;
        }

        return stored switch
        {
            StandardStatus.Published when effectiveOn is { } e && e <= today => StandardStatus.InForce,
            StandardStatus.InForce when effectiveOn is { } e && e > today => StandardStatus.Published,
            _ => stored,
        };
    }

    public static string Describe(StandardStatus stored, DateOnly? effectiveOn, DateOnly? withdrawnOn, DateOnly today)
    {
        var current = CurrentStatus(stored, effectiveOn, withdrawnOn, today);
        return current == StandardStatus.Published && effectiveOn is { } e && e > today
            ? $"Published, in force from {PartialDate.Format(e)}"
            : Labels.Of(current);
    }
}
