namespace SesecPortal.Application.Domain;

/// <summary>A newsletter article, with its relations to what it talks about.</summary>
public sealed class Article
{
    public int Id { get; set; }
    /// <summary>The identifier in the open-data interchange format (<c>a000123</c>): imports update by it, never duplicate.</summary>
    public string? ExternalId { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    /// <summary>The takeaway: a plain-text summary.</summary>
    public required string Summary { get; set; }
    /// <summary>Markdown.</summary>
    public required string Body { get; set; }
    public DateOnly? EventDate { get; set; }
    public DatePrecision EventDatePrecision { get; set; }
    public DateOnly? PublishedOn { get; set; }
    public PublicationStatus Status { get; set; }
    /// <summary>
    /// When the article went online on this portal (first publication, or again after being taken offline): what
    /// watchlists call new. Null for the seed's past newsletters, which were never news here.
    /// </summary>
    public DateTimeOffset? PublishedAt { get; set; }
    /// <summary>When a later revision replaced the first published text: readers see "Updated on ...".</summary>
    public DateTimeOffset? UpdatedAt { get; set; }
    /// <summary>The public correction note of the revision now live, if any.</summary>
    public string? CorrectionNote { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<string> Tags { get; set; } = [];
    public int? SectionId { get; set; }
    public IssueSection? Section { get; set; }
    public int Position { get; set; }
    public List<ArticleSourceLink> SourceLinks { get; set; } = [];
    public List<Sector> Sectors { get; set; } = [];
    public List<Policy> Policies { get; set; } = [];
    public List<Standard> Standards { get; set; } = [];
    public List<WorkingGroup> WorkingGroups { get; set; } = [];
    public List<Organisation> Organisations { get; set; } = [];
    public List<ArticleRevision> Revisions { get; set; } = [];
    public uint Version { get; set; }
}

public sealed class ArticleSourceLink
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public required string Url { get; set; }
    public string? Title { get; set; }
    public int Position { get; set; }
}
