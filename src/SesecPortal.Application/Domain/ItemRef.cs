namespace SesecPortal.Application.Domain;

/// <summary>
/// What an item is, for a link to it: its kind and its slug. The application says which item; the web layer says where
/// its page is (<see cref="Common.IPortalAddresses"/>).
/// </summary>
public sealed record ItemRef(ItemKind Kind, string Slug)
{
    /// <summary>The item kind of a kind of search hit (their names are the same).</summary>
    public static ItemKind KindOf(SearchKind kind) => kind switch
    {
        SearchKind.Article => ItemKind.Article,
        SearchKind.Policy => ItemKind.Policy,
        SearchKind.Standard => ItemKind.Standard,
        SearchKind.WorkingGroup => ItemKind.WorkingGroup,
        _ => ItemKind.Organisation,
    };

    public static ItemRef Of(SearchKind kind, string slug) => new(KindOf(kind), slug);
}
