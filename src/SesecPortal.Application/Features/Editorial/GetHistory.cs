using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Editorial;

/// <summary>The saved versions of a policy, standard, committee, organisation or sector, newest first, with their text.</summary>
public static class GetHistory
{
    public sealed record Query(ItemKind Kind, int Id) : IQuery<Result?>;

    public sealed record Result(string Title, IReadOnlyList<Version> Versions);

    public sealed record Version(int Number, string AuthorName, DateTimeOffset CreatedAt, string Snapshot);

    public sealed class Handler(PortalDbContext db) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var id = query.Id;
            var title = query.Kind switch
            {
                ItemKind.Policy => await db.Policies.Where(p => p.Id == id).Select(p => p.Title).SingleOrDefaultAsync(ct),
                ItemKind.Standard => await db.Standards.Where(s => s.Id == id).Select(s => s.Code == null ? s.TitleEn : s.Code + " " + s.TitleEn).SingleOrDefaultAsync(ct),
                ItemKind.WorkingGroup => await db.WorkingGroups.Where(w => w.Id == id).Select(w => w.Name).SingleOrDefaultAsync(ct),
                ItemKind.Organisation => await db.Organisations.Where(o => o.Id == id).Select(o => o.Name).SingleOrDefaultAsync(ct),
                ItemKind.Sector => await db.Sectors.Where(s => s.Id == id).Select(s => s.Name).SingleOrDefaultAsync(ct),
                _ => null,
            };
            if (title is null)
            {
                return null;
            }

            var versions = await db.ContentVersions.AsNoTracking()
                .Where(v => v.ItemKind == query.Kind && v.ItemId == id)
                .OrderByDescending(v => v.Number)
                .Select(v => new Version(v.Number, v.AuthorName, v.CreatedAt, v.Snapshot))
                .ToListAsync(ct);
            return new Result(title, versions);
        }
    }
}
