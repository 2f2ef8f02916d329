using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Editorial;

/// <summary>Where an item that had <see cref="Query.Slug"/> before lives now; null when no item had it, or it was deleted.</summary>
public static class FindMovedItem
{
    public sealed record Query(ItemKind Kind, string Slug) : IQuery<string?>;

    public sealed class Handler(PortalDbContext db) : IQueryHandler<Query, string?>
    {
        public async ValueTask<string?> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var formers = db.FormerSlugs.Where(f => f.Kind == query.Kind && f.Slug == query.Slug);
            var slug = query.Kind switch
            {
                ItemKind.Standard => await formers.Join(db.Standards, f => f.ItemId, s => s.Id, (_, s) => s.Slug).SingleOrDefaultAsync(ct),
                ItemKind.Policy => await formers.Join(db.Policies, f => f.ItemId, p => p.Id, (_, p) => p.Slug).SingleOrDefaultAsync(ct),
                ItemKind.WorkingGroup => await formers.Join(db.WorkingGroups, f => f.ItemId, w => w.Id, (_, w) => w.Slug).SingleOrDefaultAsync(ct),
                ItemKind.Organisation => await formers.Join(db.Organisations, f => f.ItemId, o => o.Id, (_, o) => o.Slug).SingleOrDefaultAsync(ct),
                ItemKind.Sector => await formers.Join(db.Sectors, f => f.ItemId, s => s.Id, (_, s) => s.Slug).SingleOrDefaultAsync(ct),
                _ => null,
            };
            return slug is null ? null : $"/{PublicArea(query.Kind)}/{slug}";
        }

        private static string PublicArea(ItemKind kind) => kind switch
        {
            ItemKind.Standard => "standards",
            ItemKind.Policy => "policies",
            ItemKind.WorkingGroup => "working-groups",
            ItemKind.Organisation => "organisations",
            _ => "sectors",
        };
    }
}
