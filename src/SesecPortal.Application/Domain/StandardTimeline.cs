namespace SesecPortal.Application.Domain;

/// <summary>
/// A standard's life as a dated list: registered under its plan number, draft for comments, comments close, published,
/// in force, amended, superseded, withdrawn. Derived from the standard's dates and merged with the events stored for it
/// (<see cref="StandardEvent"/>); each entry says whether it has happened on the given day.
/// </summary>
public static class StandardTimeline
{
    /// <summary>What the timeline is derived from.</summary>
    /// <param name="Code">The standard's own code: when it is a plan number, the record is a plan and registration is its first event.</param>
    /// <param name="PlanCode">The plan number a published standard was drafted under.</param>
    /// <param name="ReplacedBy">The standard that replaced this one, with the dates that date the supersession.</param>
    public sealed record Facts(
        string? Code, string? PlanCode, DateOnly? DraftedOn, DateOnly? CommentDeadline, DateOnly? PublishedOn, DateOnly? EffectiveOn,
        DateOnly? WithdrawnOn, Replacement? ReplacedBy, IReadOnlyList<Stored> Events);

    public sealed record Replacement(string Slug, string Label, DateOnly? PublishedOn, DateOnly? EffectiveOn)
    {
        /// <summary>A replacement takes over when it comes into force, or when it is published if no effective date is known.</summary>
        public DateOnly? TakesOverOn => EffectiveOn ?? PublishedOn;
    }

    /// <param name="Number">An amendment's own number.</param>
    /// <param name="Conclusion">A periodic review's conclusion.</param>
    public sealed record Stored(StandardEventKind Kind, DateOnly On, string? Note, string? Number = null, ReviewConclusion? Conclusion = null);

    /// <param name="On">When; null for a supersession whose replacement has no date yet (listed last).</param>
    /// <param name="LinkSlug">The standard the entry points to (the replacement).</param>
    public sealed record Entry(StandardEventKind Kind, PartialDate? On, string Label, string? Note, bool HasHappened, string? LinkSlug = null)
    {
        public string When => On is { } d ? d.ToString() : "Date not known";
    }

    public static IReadOnlyList<Entry> For(Facts facts, DateOnly today)
    {
        var entries = new List<Entry>();
        var stored = facts.Events;

        void Add(StandardEventKind kind, PartialDate? on, string label, string? note = null, string? link = null)
        {
            // A stored event of the same kind and day says it better (it may carry a note): keep that one only.
            if (on is { } d && stored.Any(e => e.Kind == kind && (e.On == d.Date || (kind == StandardEventKind.RegisteredAsPlan && d.Precision != DatePrecision.Day))))
            {
                return;
            }

            entries.Add(new Entry(kind, on, label, note, on is { } x && x.Date <= today, link));
        }

        var plan = PlanNumber(facts.Code) ?? PlanNumber(facts.PlanCode);
        if (plan is { } p)
        {
            Add(StandardEventKind.RegisteredAsPlan, p.Registered, $"Registered as plan number {p.Number}");
        }

        if (facts.DraftedOn is { } drafted)
        {
            Add(StandardEventKind.DraftForComments, Day(drafted), "Draft for comments");
        }

        if (facts.CommentDeadline is { } deadline)
        {
            Add(StandardEventKind.CommentsClose, Day(deadline), "Comments close");
        }

        if (facts.PublishedOn is { } published)
        {
            Add(StandardEventKind.Published, Day(published), "Published");
        }

        if (facts.EffectiveOn is { } effective)
        {
            Add(StandardEventKind.InForce, Day(effective), "In force");
        }

        if (facts.ReplacedBy is { } r)
        {
            Add(StandardEventKind.Superseded, r.TakesOverOn is { } on ? Day(on) : null, $"Superseded by {r.Label}", link: r.Slug);
        }

        if (facts.WithdrawnOn is { } withdrawn)
        {
            Add(StandardEventKind.Withdrawn, Day(withdrawn), "Withdrawn");
        }

        foreach (var e in stored)
        {
            entries.Add(new Entry(e.Kind, Day(e.On), LabelOf(e), e.Note, e.On <= today));
        }

        // Dated entries in order (same day: in the order of a standard's life), undated ones last.
        return [.. entries.OrderBy(e => e.On is null).ThenBy(e => e.On?.Date).ThenBy(e => e.Kind)];
    }

    /// <summary>
    /// A national plan number (<c>20190805-T-469</c>) and when it was registered. The number's first four digits are the
    /// year of the plan; the next four are a serial number, not a day (<c>20192139-T-469</c> exists), so the year is all it tells.
    /// </summary>
    public static (string Number, PartialDate Registered)? PlanNumber(string? code) =>
        StandardCode.TryParse(code, out var c) && c.Level == StandardLevel.NationalPlan && c.Year is { } y
            ? (c.Canonical, new PartialDate(new DateOnly(y, 1, 1), DatePrecision.Year))
            : null;

    /// <summary>An amendment with its number (<c>Amendment XG1-2021</c>), a review with its conclusion, else the kind's label.</summary>
    public static string LabelOf(Stored e) => e switch
    {
        { Kind: StandardEventKind.Amended, Number: { } number } => $"Amendment {number}",
        { Kind: StandardEventKind.Reviewed, Conclusion: { } conclusion } => $"Periodic review: {LabelOf(conclusion)}",
        _ => LabelOf(e.Kind),
    };

    public static string LabelOf(ReviewConclusion conclusion) => conclusion switch
    {
        ReviewConclusion.Confirmed => "confirmed",
        ReviewConclusion.Revise => "to be revised",
        _ => "to be withdrawn",
    };

    public static string LabelOf(StandardEventKind kind) => kind switch
    {
        StandardEventKind.RegisteredAsPlan => "Registered as a plan",
        StandardEventKind.DraftForComments => "Draft for comments",
        StandardEventKind.CommentsClose => "Comments close",
        StandardEventKind.Published => "Published",
        StandardEventKind.InForce => "In force",
        StandardEventKind.Amended => "Amended",
        StandardEventKind.Superseded => "Superseded",
        StandardEventKind.Withdrawn => "Withdrawn",
        StandardEventKind.Reviewed => "Periodic review",
        StandardEventKind.PlanApproved => "Plan approved",
        StandardEventKind.Drafting => "Drafting began",
        StandardEventKind.TechnicalReview => "Technical review",
        StandardEventKind.SubmittedForApproval => "Submitted for approval",
        _ => kind.ToString(),
    };

    private static PartialDate Day(DateOnly d) => new(d, DatePrecision.Day);
}
