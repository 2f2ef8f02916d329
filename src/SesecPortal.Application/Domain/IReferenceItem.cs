namespace SesecPortal.Application.Domain;

/// <summary>
/// Reference data an editor keeps (standards, policies, organisations, sectors, committees): an id, the row version the
/// editor's form was read at, and the slug that makes its address.
/// </summary>
public interface IReferenceItem
{
    int Id { get; }

    /// <summary>PostgreSQL's <c>xmin</c>: an overlapping save is refused, not lost.</summary>
    uint Version { get; }

    string Slug { get; }
}
