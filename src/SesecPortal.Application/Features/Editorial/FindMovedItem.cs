using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Editorial;

/// <summary>Where an item that had <see cref="Query.Slug"/> before lives now; null when no item had it, or it was deleted.</summary>
public static class FindMovedItem
{
    public sealed record Query(ItemKind Kind, string Slug) : IQuery<Moved?>;

    /// <param name="Slug">The item's slug now.</param>
    /// <param name="Url">Its public page now.</param>
    public sealed record Moved(string Slug, string Url);

    /// <summary>The slug now of the item that had <paramref name="slug"/>; null when none had it, or it was deleted.</summary>
    public static async Task<string?> CurrentSlugAsync(PortalDbContext db, ItemKind kind, string slug, CancellationToken ct)
    {
        var formers = db.FormerSlugs.Where(f => f.Kind == kind && f.Slug == slug);
        return kind switch
        {
            ItemKind.Standard => await formers.Join(db.Standards, f => f.ItemId, s => s.Id, (_, s) => s.Slug).SingleOrDefaultAsync(ct),
            ItemKind.Policy => await formers.Join(db.Policies, f => f.ItemId, p => p.Id, (_, p) => p.Slug).SingleOrDefaultAsync(ct),
            ItemKind.WorkingGroup => await formers.Join(db.WorkingGroups, f => f.ItemId, w => w.Id, (_, w) => w.Slug).SingleOrDefaultAsync(ct),
            ItemKind.Organisation => await formers.Join(db.Organisations, f => f.ItemId, o => o.Id, (_, o) => o.Slug).SingleOrDefaultAsync(ct),
            ItemKind.Sector => await formers.Join(db.Sectors, f => f.ItemId, s => s.Id, (_, s) => s.Slug).SingleOrDefaultAsync(ct),
            _ => null,
        };
    }

    public sealed class Handler(PortalDbContext db, IPortalAddresses addresses) : IQueryHandler<Query, Moved?>
    {
        public async ValueTask<Moved?> Handle(Query query, CancellationToken cancellationToken) =>
            await CurrentSlugAsync(db, query.Kind, query.Slug, cancellationToken) is { } slug ? new Moved(slug, addresses.Page(new ItemRef(query.Kind, slug))) : null;
    }
}
