namespace SesecPortal.Application.Domain;

/// <summary>A curated sector of the taxonomy every item is tagged with (ICT, carbon emission, cybersecurity...).</summary>
public sealed class Sector : IReferenceItem
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    /// <summary>The newsletter hashtags that mean this sector (<c>#Carbon emission</c>).</summary>
    public List<string> Hashtags { get; set; } = [];
    public int Position { get; set; }
    public uint Version { get; set; }
}
