namespace SesecPortal.Application.Domain;

/// <summary>A policy document: plan, opinions, measures, guideline, law...</summary>
public sealed class Policy
{
    public int Id { get; set; }
    /// <summary>The identifier in the open-data interchange format (<c>p000123</c>): imports update by it, never duplicate.</summary>
    public string? ExternalId { get; set; }
    /// <summary>When the record last changed (an editor's save or an import that changed it).</summary>
    public DateTimeOffset? ChangedAt { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
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
    public uint Version { get; set; }
}

public sealed class PolicyAuthority
{
    public int PolicyId { get; set; }
    public int OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public int Position { get; set; }
}
