using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Articles;
using SesecPortal.Application.Features.Search;

namespace SesecPortal.Application.Features.Sectors;

/// <summary>Everything tagged with a sector, grouped by kind: the tag-based browsing.</summary>
public static class GetSector
{
    /// <summary>How many items of each kind a sector page lists; the counts say how many there are in all.</summary>
    public const int PerKind = 50;

    public sealed record Query(string Slug) : IQuery<Result?>;

    public sealed record Result(
        string Slug, string Name, string? Description, IReadOnlyList<string> Hashtags,
        Group<ArticleCard> Articles, Group<Link> Policies, Group<Link> Standards, Group<Link> WorkingGroups, Group<Link> Organisations,
        IReadOnlyList<Latest> LatestItems);

    /// <summary>Anything tagged with the sector, newest first: what changed lately.</summary>
    public sealed record Latest(string Kind, string Title, string Url, string? Date);

    public const int LatestCount = 8;

    public sealed record Group<T>(int Total, IReadOnlyList<T> Items);

    public sealed class Handler(PortalDbContext db, PortalSearchIndex search, IPortalAddresses addresses) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken cancellationToken)
        {
            var sector = await db.Sectors.AsNoTracking().Where(s => s.Slug == query.Slug)
                .Select(s => new { s.Id, s.Slug, s.Name, s.Description, s.Hashtags })
                .SingleOrDefaultAsync(cancellationToken);
            if (sector is null)
            {
                return null;
            }

            var id = sector.Id;
            var articles = db.Articles.AsNoTracking().Published().Where(a => a.Sectors.Any(s => s.Id == id));
            var articleCards = await articles.NewestFirst().Take(PerKind).ToCardsAsync(cancellationToken);

            // The newest dated items of every kind tagged with the sector: the index has them in date order (undated last).
            var newest = await search.SearchAsync(new SesecPortal.Search.SearchRequest
            {
                Filters = new Dictionary<string, IReadOnlyList<string>> { ["sector"] = [SearchDocuments.Id(id)] },
                Sort = SesecPortal.Search.SearchSort.Newest,
                PageSize = LatestCount,
            }, cancellationToken);
            IReadOnlyList<SesecPortal.Search.SearchHit> latest = [.. newest.Hits.Where(h => h.Date is not null)];

            var policies = db.Policies.AsNoTracking().Where(p => p.Sectors.Any(s => s.Id == id));
            var standards = db.Standards.AsNoTracking().Where(p => p.Sectors.Any(s => s.Id == id));
            var groups = db.WorkingGroups.AsNoTracking().Where(p => p.Sectors.Any(s => s.Id == id));
            var orgs = db.Organisations.AsNoTracking().Where(p => p.Sectors.Any(s => s.Id == id));

            return new Result(
                sector.Slug, sector.Name, sector.Description, sector.Hashtags,
                new Group<ArticleCard>(
                    await articles.CountAsync(cancellationToken),
                    articleCards),
                new Group<Link>(
                    await policies.CountAsync(cancellationToken),
                    await policies.OrderByDescending(p => p.IssuedOn).ThenBy(p => p.Title).Take(PerKind).Select(p => new Link(p.Slug, p.Title, null)).ToListAsync(cancellationToken)),
                new Group<Link>(
                    await standards.CountAsync(cancellationToken),
                    await standards.OrderBy(s => s.NormalizedCode).ThenBy(s => s.TitleEn).Take(PerKind)
                        .Select(s => new Link(s.Slug, s.Code == null ? s.TitleEn : s.Code + " " + s.TitleEn, null)).ToListAsync(cancellationToken)),
                new Group<Link>(
                    await groups.CountAsync(cancellationToken),
                    await groups.OrderBy(w => w.Position).Take(PerKind).Select(w => new Link(w.Slug, w.Name, null)).ToListAsync(cancellationToken)),
                new Group<Link>(
                    await orgs.CountAsync(cancellationToken),
                    await orgs.OrderBy(o => o.Name).Take(PerKind).Select(o => new Link(o.Slug, o.Name, o.Abbreviation)).ToListAsync(cancellationToken)),
                [.. latest.Select(h => (Kind: SearchPortal.Kinds[h.Kind], Hit: h)).Select(e => new Latest(
                    SearchPortal.KindLabel(e.Kind), e.Kind == SearchKind.Standard && e.Hit.Code != null ? $"{e.Hit.Code} {e.Hit.Title}" : e.Hit.Title,
                    addresses.Page(ItemRef.Of(e.Kind, e.Hit.Slug)), e.Hit.Date is { } d ? PartialDate.Format(d) : null))]);
        }
    }
}
