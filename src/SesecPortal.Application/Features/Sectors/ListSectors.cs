using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Sectors;

public static class ListSectors
{
    public sealed record Query : IQuery<IReadOnlyList<Result>>;

    public sealed record Result(string Slug, string Name, string? Description, int Articles, int Policies, int Standards, int WorkingGroups, int Organisations)
    {
        public int Total => Articles + Policies + Standards + WorkingGroups + Organisations;
    }

    /// <summary>
    /// Five grouped counts over the link tables, then the sectors: a count per sector and kind as a correlated subquery took
    /// 8 s at a million items (each walked its sector's links and visited every article), these take well under one.
    /// </summary>
    public sealed class Handler(PortalDbContext db) : IQueryHandler<Query, IReadOnlyList<Result>>
    {
        public async ValueTask<IReadOnlyList<Result>> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var articles = await CountAsync(db.Articles.Where(a => a.Status == PublicationStatus.Published).SelectMany(a => a.Sectors.Select(x => x.Id)), ct);
            var policies = await CountAsync(db.Policies.SelectMany(p => p.Sectors.Select(x => x.Id)), ct);
            var standards = await CountAsync(db.Standards.SelectMany(p => p.Sectors.Select(x => x.Id)), ct);
            var groups = await CountAsync(db.WorkingGroups.SelectMany(p => p.Sectors.Select(x => x.Id)), ct);
            var organisations = await CountAsync(db.Organisations.SelectMany(p => p.Sectors.Select(x => x.Id)), ct);
            var sectors = await db.Sectors.AsNoTracking().OrderBy(s => s.Position).Select(s => new { s.Id, s.Slug, s.Name, s.Description }).ToListAsync(ct);
            return [.. sectors.Select(s => new Result(
                s.Slug, s.Name, s.Description, articles.GetValueOrDefault(s.Id), policies.GetValueOrDefault(s.Id), standards.GetValueOrDefault(s.Id),
                groups.GetValueOrDefault(s.Id), organisations.GetValueOrDefault(s.Id)))];
        }

        private static Task<Dictionary<int, int>> CountAsync(IQueryable<int> sectorIds, CancellationToken ct) =>
            sectorIds.GroupBy(id => id).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
    }
}
