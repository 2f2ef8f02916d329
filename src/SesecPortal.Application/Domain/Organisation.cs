namespace SesecPortal.Application.Domain;

/// <summary>An authority, standards body, committee, company or university the newsletter names.</summary>
public sealed class Organisation : IReferenceItem
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string? Abbreviation { get; set; }
    public OrganisationKind Kind { get; set; }
    public string? Description { get; set; }
    public string? Website { get; set; }
    public int? ParentId { get; set; }
    public Organisation? Parent { get; set; }
    public List<Sector> Sectors { get; set; } = [];
    public uint Version { get; set; }

    public string DisplayName => Abbreviation is null || Abbreviation == Name ? Name : $"{Name} ({Abbreviation})";
}
