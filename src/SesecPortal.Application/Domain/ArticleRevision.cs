namespace SesecPortal.Application.Domain;

/// <summary>
/// One version of an article. Editors write revisions; the article row holds what readers see.
/// A revision goes draft → in review → approved → published; a published article keeps its live text
/// while the next revision is reviewed, and every revision is kept for the history.
/// </summary>
public sealed class ArticleRevision
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public Article? Article { get; set; }
    /// <summary>1, 2, 3... in the order they were started.</summary>
    public int Number { get; set; }
    public RevisionState State { get; set; }
    public required string Title { get; set; }
    public required string Summary { get; set; }
    /// <summary>Markdown; <c>[[GB 55015-2021]]</c> references become relations when saved.</summary>
    public required string Body { get; set; }
    public DateOnly? EventDate { get; set; }
    public DatePrecision EventDatePrecision { get; set; }
    public List<string> Tags { get; set; } = [];
    public List<int> SectorIds { get; set; } = [];
    /// <summary>Source links, one per line: the address, then optionally a title.</summary>
    public string? SourceLinks { get; set; }
    /// <summary>Shown to readers under "Updated on ..." when this revision replaces a published one.</summary>
    public string? CorrectionNote { get; set; }
    /// <summary>The reviewer's words when sending a revision back.</summary>
    public string? ReviewComment { get; set; }
    public string? AuthorId { get; set; }
    public required string AuthorName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedByName { get; set; }
    public string? ApprovedByName { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    /// <summary>When an approved revision goes live; null publishes it when an editor says so.</summary>
    public DateTimeOffset? ScheduledFor { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public uint Version { get; set; }
}

public enum RevisionState
{
    Draft,
    InReview,
    Approved,
    /// <summary>Live now.</summary>
    Published,
    /// <summary>Was live, replaced by a later revision.</summary>
    Replaced,
    /// <summary>Abandoned by its editors; kept for the history.</summary>
    Discarded,
}
