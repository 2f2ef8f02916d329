namespace SesecPortal.Application.Domain;

/// <summary>A policy document: plan, opinions, measures, guideline, law...</summary>
public sealed class Policy : IReferenceItem
{
    public int Id { get; set; }
    /// <summary>The identifier in the open-data interchange format (<c>p000123</c>): imports update by it, never duplicate.</summary>
    public string? ExternalId { get; set; }
    /// <summary>When the record last changed (an editor's save or an import that changed it).</summary>
    public DateTimeOffset? ChangedAt { get; set; }
    public required string Slug { get; set; }
    /// <summary>The English title.</summary>
    public required string Title { get; set; }
    /// <summary>The Chinese title (<c>数据出境安全评估办法</c>), when known.</summary>
    public string? TitleZh { get; set; }
    public PolicyKind Kind { get; set; }
    public DateOnly? IssuedOn { get; set; }
    public DatePrecision IssuedOnPrecision { get; set; }
    public PolicyStatus Status { get; set; }
    public DateOnly? CommentDeadline { get; set; }
    public string? DocumentNumber { get; set; }
    /// <summary>The text's own words for co-issuers it does not name ("together with nine other ministries").</summary>
    public string? CoIssuers { get; set; }
    public string? SourceUrl { get; set; }
    public string? Summary { get; set; }
    /// <summary>Issuing authorities, lead first.</summary>
    public List<PolicyAuthority> Authorities { get; set; } = [];
    public List<Sector> Sectors { get; set; } = [];
    /// <summary>
    /// The version this one follows in its chain (a draft for comments, then the final text, amendments, the measures
    /// that replace it): each version is a policy of its own; a version has at most one next version.
    /// </summary>
    public int? PreviousVersionId { get; set; }
    public Policy? PreviousVersion { get; set; }
    /// <summary>How this version follows <see cref="PreviousVersion"/>; set exactly when it has one.</summary>
    public PolicyVersionKind? VersionKind { get; set; }
    /// <summary>The row version (<c>xmin</c>), for optimistic concurrency: not a version of the policy's chain.</summary>
    public uint Version { get; set; }
}

public sealed class PolicyAuthority
{
    public int PolicyId { get; set; }
    public int OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public int Position { get; set; }
}
