namespace SesecPortal.Application.Domain;

/// <summary>
/// A typed link between two items of the knowledge graph, read in both directions:
/// "GB 55015-2021 implements the carbon peak action plan" / "Implemented by GB 55015-2021".
/// </summary>
public sealed class Relation
{
    public int Id { get; set; }
    public ItemKind SubjectKind { get; set; }
    public int SubjectId { get; set; }
    public RelationType Type { get; set; }
    public ItemKind ObjectKind { get; set; }
    public int ObjectId { get; set; }
    public string? Note { get; set; }
}

/// <summary>The kinds of item the portal holds.</summary>
public enum ItemKind
{
    Article,
    Policy,
    Standard,
    WorkingGroup,
    Organisation,
    Sector,
    Issue,
    User,
    /// <summary>A quantitative target (of a policy or a standard): a kind of change-log entry, not of relation.</summary>
    Target,
}

public enum RelationType
{
    /// <summary>A policy or standard issued by an organisation.</summary>
    IssuedBy,
    /// <summary>A policy that mandates a standard (or its development).</summary>
    Mandates,
    /// <summary>Any item that references another.</summary>
    References,
    /// <summary>A standard that implements a policy.</summary>
    Implements,
    /// <summary>A standard drafted by a working group or organisation.</summary>
    DraftedBy,
    /// <summary>An organisation that leads a working group.</summary>
    Leads,
    /// <summary>An organisation that is a member of a working group.</summary>
    MemberOf,
}
