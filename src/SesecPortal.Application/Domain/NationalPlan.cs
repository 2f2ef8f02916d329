namespace SesecPortal.Application.Domain;

/// <summary>
/// A national standard's plan number (<c>20190805-T-469</c>) read as SAC writes it: the year of the plan and a serial
/// number, the letter of the standard's nature (Q mandatory, T recommended, Z a guidance technical document), and the
/// three-digit code of the competent department that proposed it. The code is shown as a code: the portal holds no
/// table of SAC's department codes (no such list is among its reference data), so it names the department only where
/// an editor recorded it on the standard.
/// </summary>
public sealed record NationalPlan(string Number, int Year, PlanNature Nature, string DepartmentCode)
{
    /// <summary>The six stages of a plan, in order, with the label readers see.</summary>
    public static readonly IReadOnlyList<(PlanStage Stage, string Label)> StageLabels =
    [
        (PlanStage.Approved, "Plan approved"),
        (PlanStage.Drafting, "Drafting"),
        (PlanStage.ForComments, "Draft for comments"),
        (PlanStage.TechnicalReview, "Technical review"),
        (PlanStage.SubmittedForApproval, "Submitted for approval"),
        (PlanStage.Published, "Published"),
    ];

    /// <summary>The plan a code names, or null when it is not a national plan number.</summary>
    public static NationalPlan? Parse(string? code)
    {
        if (!StandardCode.TryParse(code, out var c) || c.Level != StandardLevel.NationalPlan || c.Year is not { } year)
        {
            return null;
        }

        // The canonical form is 20190805-T-469.
        var parts = c.Canonical.Split('-');
        return parts is [_, { Length: 1 } letter, { Length: 3 } department]
            ? new NationalPlan(c.Canonical, year, NatureOf(letter[0]), department)
            : null;
    }

    public string NatureLabel => Nature switch
    {
        PlanNature.Mandatory => "Mandatory national standard (Q, 强制性)",
        PlanNature.Recommended => "Recommended national standard (T, 推荐性)",
        _ => "Guidance technical document (Z, 指导性技术文件)",
    };

    /// <summary>
    /// The plan's stages, each with its date where one is known: the approval, drafting, technical review and submission
    /// from the events an editor recorded, the draft for comments and the publication from the standard's own dates (or
    /// such events). A stage counts as reached when its day has come, or when a later stage has been reached (its date
    /// then may simply not be recorded). The current stage is the last reached.
    /// </summary>
    public static IReadOnlyList<Stage> Stages(DateOnly? forCommentsOn, DateOnly? publishedOn, IEnumerable<StandardTimeline.Stored> events, DateOnly today)
    {
        var stored = events.ToList();
        DateOnly? First(StandardEventKind kind) => stored.Where(e => e.Kind == kind).Select(e => (DateOnly?)e.On).Min();
        var dates = new DateOnly?[]
        {
            First(StandardEventKind.PlanApproved) ?? First(StandardEventKind.RegisteredAsPlan),
            First(StandardEventKind.Drafting),
            forCommentsOn ?? First(StandardEventKind.DraftForComments),
            First(StandardEventKind.TechnicalReview),
            First(StandardEventKind.SubmittedForApproval),
            publishedOn ?? First(StandardEventKind.Published),
        };
        var lastReached = Array.FindLastIndex(dates, d => d is { } x && x <= today);
        return [.. StageLabels.Select((s, i) => new Stage(s.Stage, s.Label, dates[i], i <= lastReached, i == lastReached))];
    }

    /// <summary>Overdue: the deadline has passed and the standard has not been published (by today).</summary>
    public static bool IsOverdue(DateOnly? deadline, DateOnly? publishedOn, DateOnly today) =>
        deadline is { } d && d < today && !(publishedOn is { } p && p <= today);

    /// <param name="Reached">The stage has been reached (its date has come, or a later stage's has).</param>
    /// <param name="Current">The last stage reached.</param>
    public sealed record Stage(PlanStage Kind, string Label, DateOnly? On, bool Reached, bool Current)
    {
        public string When => On is { } d ? PartialDate.Format(d) : Reached ? "date not recorded" : "not yet";
    }

    private static PlanNature NatureOf(char letter) => letter switch
    {
        'Q' => PlanNature.Mandatory,
        'T' => PlanNature.Recommended,
        _ => PlanNature.GuidanceDocument,
    };
}

/// <summary>What a national plan will produce, from its number's letter.</summary>
public enum PlanNature
{
    Mandatory,
    Recommended,
    GuidanceDocument,
}

public enum PlanStage
{
    Approved,
    Drafting,
    ForComments,
    TechnicalReview,
    SubmittedForApproval,
    Published,
}
