namespace SesecPortal.Application.Domain;

/// <summary>A bimonthly issue of the newsletter: ordered sections of articles, and its takeaways.</summary>
public sealed partial class NewsletterIssue
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Series { get; set; }
    /// <summary>"December 2021 – January 2022".</summary>
    public required string Title { get; set; }
    public int Number { get; set; }
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public DateOnly? PublishedOn { get; set; }
    public PublicationStatus Status { get; set; }
    /// <summary>Markdown back matter ("Introduction of SESEC Project").</summary>
    public string? About { get; set; }
    public List<IssueSection> Sections { get; set; } = [];
    public List<IssueTakeaway> Takeaways { get; set; } = [];
    public uint Version { get; set; }
}

public sealed class IssueSection
{
    /// <summary>
    /// A section with nothing for readers (no articles, no note) is left out of the published issue and its print
    /// edition; the builder and the previews flag it.
    /// </summary>
    public static bool IsEmpty(int articles, string? note) => articles == 0 && string.IsNullOrWhiteSpace(note);

    public int Id { get; set; }
    public int IssueId { get; set; }
    public NewsletterIssue? Issue { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string? Note { get; set; }
    public int Position { get; set; }
    public List<Article> Articles { get; set; } = [];
}

public sealed class IssueTakeaway
{
    public int Id { get; set; }
    public int IssueId { get; set; }
    public required string Title { get; set; }
    public required string Summary { get; set; }
    public int? ArticleId { get; set; }
    public Article? Article { get; set; }
    public int Position { get; set; }
}
