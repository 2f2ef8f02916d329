namespace SesecPortal.Application.Domain;

/// <summary>A technical committee, subcommittee or working group: one tree (TC 28 → SC 42 → its working groups).</summary>
public sealed class WorkingGroup : IReferenceItem
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public string? Code { get; set; }
    public required string Name { get; set; }
    public WorkingGroupKind Kind { get; set; }
    public int? ParentId { get; set; }
    public WorkingGroup? Parent { get; set; }
    public List<WorkingGroup> Children { get; set; } = [];
    /// <summary>Markdown: what the group works on.</summary>
    public string? Focus { get; set; }
    public DateOnly? EstablishedOn { get; set; }
    public int Position { get; set; }
    public List<Sector> Sectors { get; set; } = [];
    public List<WorkingGroupMember> Members { get; set; } = [];
    public List<WorkingGroupContact> Contacts { get; set; } = [];
    public List<WorkItem> WorkItems { get; set; } = [];
    public uint Version { get; set; }
}

/// <summary>A leader or deputy leader: a person from an organisation, or an organisation alone.</summary>
public sealed class WorkingGroupMember
{
    public int Id { get; set; }
    public int WorkingGroupId { get; set; }
    public WorkingGroupRole Role { get; set; }
    public string? PersonName { get; set; }
    public int? OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public int Position { get; set; }
}

/// <summary>A secretariat contact. Personal data: names and phone numbers are shown to signed-in members only.</summary>
public sealed class WorkingGroupContact
{
    public int Id { get; set; }
    public int WorkingGroupId { get; set; }
    public required string Name { get; set; }
    public List<string> Phones { get; set; } = [];
    public bool IsSecretariat { get; set; }
    public int Position { get; set; }
}

/// <summary>An achievement or an ongoing work item of a group (report, standard, test...), linked to its standard record where one exists.</summary>
public sealed class WorkItem
{
    public int Id { get; set; }
    public int WorkingGroupId { get; set; }
    public WorkingGroup? WorkingGroup { get; set; }
    public WorkItemStage Stage { get; set; }
    public WorkItemCategory Category { get; set; }
    public required string Title { get; set; }
    public int? StandardId { get; set; }
    public Standard? Standard { get; set; }
    public string? Note { get; set; }
    public int Position { get; set; }
}
