namespace SesecPortal.Application.Domain;

/// <summary>
/// An address an item of reference data had before its slug changed (a standard's code corrected, a sector renamed):
/// links to it, in feeds, bookmarks and other sites, are sent on to the item's address now with a 301.
/// </summary>
public sealed class FormerSlug
{
    public ItemKind Kind { get; set; }
    public required string Slug { get; set; }
    public int ItemId { get; set; }
}
