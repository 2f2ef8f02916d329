using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.OpenData;

/// <summary>
/// The open-data interchange format (JSON Lines, one article, standard or policy per line), as
/// <c>shared/bench/corpus.py</c> writes it and as the portal exports it. Described in docs/open-data.md.
/// </summary>
public static class Interchange
{
    public const string Article = "article";
    public const string Standard = "standard";
    public const string Policy = "policy";

    /// <summary>The longest line read (bytes); a longer line is reported and skipped. An article of 200,000 characters fits.</summary>
    public const int MaxLineBytes = 1024 * 1024;

    private static readonly (string Word, StandardStatus Status)[] Statuses =
    [
        ("draft", StandardStatus.DraftForComments),
        ("under-development", StandardStatus.UnderDevelopment),
        ("published", StandardStatus.Published),
        ("effective", StandardStatus.InForce),
        ("superseded", StandardStatus.Superseded),
        ("withdrawn", StandardStatus.Withdrawn),
    ];

    public static IEnumerable<string> StatusWords => Statuses.Select(s => s.Word);

    public static bool TryParseStatus(string? word, out StandardStatus status)
    {
        foreach (var (w, s) in Statuses)
        {
            if (string.Equals(w, word, StringComparison.Ordinal))
            {
                status = s;
                return true;
            }
        }

        status = default;
        return false;
    }

    public static string StatusWord(StandardStatus status) => Statuses.First(s => s.Status == status).Word;

    /// <summary>Drafts carry the date the draft was released in <c>published_on</c>.</summary>
    public static bool IsDraft(StandardStatus status) => status is StandardStatus.DraftForComments or StandardStatus.UnderDevelopment;

    /// <summary>The policy's kind when a line does not give one: the words of its title (Action Plan, Opinions, Measures...).</summary>
    public static PolicyKind GuessPolicyKind(string title)
    {
        bool Has(string word) => title.Contains(word, StringComparison.OrdinalIgnoreCase);
        return Has("Five-Year Plan") ? PolicyKind.FiveYearPlan
            : Has("Action Plan") ? PolicyKind.ActionPlan
            : Has("Opinions") ? PolicyKind.Opinions
            : Has("Measures") ? PolicyKind.Measures
            : Has("Guideline") || Has("Guidance") ? PolicyKind.Guideline
            : Has("Outline") ? PolicyKind.Outline
            : Has("Regulation") ? PolicyKind.Regulation
            : Has(" Law") ? PolicyKind.Law
            : Has("Rules") ? PolicyKind.Rules
            : PolicyKind.Plan;
    }

    public static string Plural(string type, int count) => SesecPortal.Application.Common.Counted.Noun(count, type);

    /// <summary>The number in an interchange id <see cref="PortalId"/> made (<c>portal-policy-12</c>), or null.</summary>
    public static int? PortalIdNumber(string type, string id) =>
        id.StartsWith($"portal-{type}-", StringComparison.Ordinal)
        && int.TryParse(id.AsSpan($"portal-{type}-".Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n : null;

    /// <summary>The interchange id of an item that did not come from an import (the seed, the editors).</summary>
    public static string PortalId(string type, int id) => $"portal-{type}-{id.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}

/// <summary>One valid line, ready to write.</summary>
public abstract record ImportItem(int Line, string ExternalId, string Slug);

public sealed record ArticleLine(int Line, string ExternalId, string Slug, string Title, string Summary, string Body, DateOnly PublishedOn,
    string[] Tags, int[] SectorIds) : ImportItem(Line, ExternalId, Slug);

public sealed record StandardLine(int Line, string ExternalId, string Slug, string? Code, string TitleEn, string? TitleZh, StandardStatus Status,
    DateOnly? PublishedOn, DateOnly? EffectiveOn, DateOnly? WithdrawnOn, string? Issuer, string? Summary, string? SupersededBy, int[] SectorIds)
    : ImportItem(Line, ExternalId, Slug)
{
    /// <summary>The standards it adopts (<c>adoptions</c>: code and degree), in order; they replace the standard's list.</summary>
    public IReadOnlyList<AdoptionLine> Adoptions { get; init; } = [];

    /// <summary><c>record_url</c>, <c>full_text_url</c>, <c>purchase_url</c>: http(s) addresses.</summary>
    public string? RecordUrl { get; init; }
    public string? FullTextUrl { get; init; }
    public string? PurchaseUrl { get; init; }

    /// <summary><c>drafting_organisations</c> and <c>drafters</c>: lists of names.</summary>
    public string[] DraftingOrganisations { get; init; } = [];
    public string[] Drafters { get; init; } = [];

    /// <summary><c>competent_department</c> (主管部门).</summary>
    public string? CompetentDepartment { get; init; }

    /// <summary><c>edition_note</c>: what changed from the previous edition.</summary>
    public string? EditionNote { get; init; }

    /// <summary><c>amendments</c> in date order; null when the line has none, which leaves the standard's amendments as they are.</summary>
    public IReadOnlyList<AmendmentLine>? Amendments { get; init; }

    /// <summary><c>reviews</c> (periodic reviews) in date order; null leaves the standard's reviews as they are.</summary>
    public IReadOnlyList<ReviewLine>? Reviews { get; init; }

    /// <summary>Its ICS groups (<c>ics</c>), each a code of the tree.</summary>
    public string[] Ics { get; init; } = [];

    /// <summary>Its CCS code (<c>ccs</c>), upper case.</summary>
    public string? Ccs { get; init; }

    /// <summary><c>plan_number</c>: the national or association plan it was drafted under.</summary>
    public string? PlanNumber { get; init; }

    /// <summary><c>plan_deadline</c>: when the national plan is due.</summary>
    public DateOnly? PlanDeadline { get; init; }

    /// <summary><c>plan_stages</c> in date order; null leaves the standard's recorded plan stages as they are.</summary>
    public IReadOnlyList<PlanStageLine>? PlanStages { get; init; }
}

/// <summary>A stage of a national plan that the standard's own dates do not say: its date and which stage.</summary>
public sealed record PlanStageLine(DateOnly On, StandardEventKind Kind);

/// <summary>The words of the interchange format for the plan stages recorded as events.</summary>
public static class PlanStageWords
{
    public static readonly IReadOnlyList<(string Word, StandardEventKind Kind)> All =
    [
        ("approved", StandardEventKind.PlanApproved), ("drafting", StandardEventKind.Drafting),
        ("technical_review", StandardEventKind.TechnicalReview), ("submitted_for_approval", StandardEventKind.SubmittedForApproval),
    ];

    public static bool IsStage(StandardEventKind kind) => All.Any(s => s.Kind == kind);

    public static string Word(StandardEventKind kind) => All.First(s => s.Kind == kind).Word;

    public static bool TryParse(string? word, out StandardEventKind kind)
    {
        var found = All.FirstOrDefault(s => string.Equals(s.Word, word?.Trim(), StringComparison.OrdinalIgnoreCase));
        kind = found.Kind;
        return found.Word is not null;
    }
}

/// <summary>An amendment (修改单): its date, its own number and a note.</summary>
public sealed record AmendmentLine(DateOnly On, string? Number, string? Note);

/// <summary>A periodic review (复审): its date and conclusion.</summary>
public sealed record ReviewLine(DateOnly On, ReviewConclusion Conclusion);

/// <summary>The words of the interchange format for a review's conclusion.</summary>
public static class ReviewConclusions
{
    public static readonly IReadOnlyList<(string Word, ReviewConclusion Conclusion)> All =
        [("confirmed", ReviewConclusion.Confirmed), ("revise", ReviewConclusion.Revise), ("withdraw", ReviewConclusion.Withdraw)];

    public static string Word(ReviewConclusion conclusion) => All.First(c => c.Conclusion == conclusion).Word;

    public static bool TryParse(string? word, out ReviewConclusion conclusion)
    {
        foreach (var (w, c) in All)
        {
            if (string.Equals(w, word?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                conclusion = c;
                return true;
            }
        }

        conclusion = default;
        return false;
    }
}

/// <summary>One adoption of a standard line: the adopted code as written and its degree.</summary>
/// <param name="Degree">Null when not recorded (<c>"degree": null</c>).</param>
public sealed record AdoptionLine(string Code, AdoptionDegree? Degree);

public sealed record PolicyLine(int Line, string ExternalId, string Slug, string Title, PolicyKind Kind, PolicyStatus Status, string? Authority,
    string? AuthorityName, string? DocumentNumber, DateOnly? IssuedOn, string? Summary, string? SourceUrl, int[] SectorIds)
    : ImportItem(Line, ExternalId, Slug)
{
    public string? TitleZh { get; init; }

    /// <summary>The interchange id of the version this one follows (<c>previous</c>); null leaves the policy's link as it is.</summary>
    public string? Previous { get; init; }

    /// <summary>How it follows <see cref="Previous"/> (<c>version_kind</c>).</summary>
    public PolicyVersionKind? VersionKind { get; init; }
}

/// <summary>A line that was not imported, and why.</summary>
public sealed record ImportError(int Line, string? Id, string Message)
{
    public override string ToString() => Id is null ? $"line {Line}: {Message}" : $"line {Line} ({Id}): {Message}";
}
