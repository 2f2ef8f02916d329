namespace SesecPortal.Application.Domain;

/// <summary>
/// A saved version of a policy, standard, working group, organisation, sector or issue, as text
/// (one "Field: value" line per field), so editors can read the history and diff any two versions.
/// Articles keep theirs as <see cref="ArticleRevision"/>s.
/// </summary>
public sealed class ContentVersion
{
    public long Id { get; set; }
    public ItemKind ItemKind { get; set; }
    public int ItemId { get; set; }
    public int Number { get; set; }
    public required string Snapshot { get; set; }
    public string? AuthorId { get; set; }
    public required string AuthorName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
