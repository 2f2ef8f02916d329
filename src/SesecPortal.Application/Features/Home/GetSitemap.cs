using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Home;

/// <summary>
/// The sitemap (sitemaps.org protocol) that tells search engines every public page: an index of files, one run of
/// files per kind of item, each with at most <see cref="UrlsPerFile"/> addresses, in id order so that a file's
/// contents change only when items are added to it or removed.
/// </summary>
public static class GetSitemap
{
    /// <summary>The protocol's limit per file.</summary>
    public const int UrlsPerFile = 50_000;

    /// <summary>The kinds of item with public pages, as their addresses name them.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["pages", "articles", "issues", "policies", "standards", "working-groups", "organisations", "sectors"];

    /// <summary>The lists and tools every visitor starts from ("pages" in the index).</summary>
    public static readonly IReadOnlyList<string> StartingPages =
        ["/", "/issues", "/standards", "/digest", "/consultations", "/targets", "/sectors", "/working-groups", "/organisations"];

    /// <summary>The files of the sitemap index.</summary>
    public sealed record IndexQuery(int PerFile = UrlsPerFile) : IQuery<IReadOnlyList<SitemapFile>>;

    public sealed record SitemapFile(string Kind, int Page);

    /// <summary>One file: null when there is no such kind or page.</summary>
    public sealed record FileQuery(string Kind, int Page, int PerFile = UrlsPerFile) : IQuery<IReadOnlyList<Entry>?>;

    /// <param name="Path">The page's address, from the site's root.</param>
    /// <param name="LastModified">When the item last changed, where the portal records it.</param>
    public sealed record Entry(string Path, DateOnly? LastModified);

    public sealed class Handler(PortalDbContext db) : IQueryHandler<IndexQuery, IReadOnlyList<SitemapFile>>, IQueryHandler<FileQuery, IReadOnlyList<Entry>?>
    {
        public async ValueTask<IReadOnlyList<SitemapFile>> Handle(IndexQuery query, CancellationToken cancellationToken)
        {
            var files = new List<SitemapFile>();
            foreach (var kind in Kinds)
            {
                var count = await CountAsync(kind, cancellationToken);
                for (var page = 1; (page - 1) * (long)query.PerFile < count; page++)
                {
                    files.Add(new SitemapFile(kind, page));
                }
            }

            return files;
        }

        public async ValueTask<IReadOnlyList<Entry>?> Handle(FileQuery query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            if (!Kinds.Contains(query.Kind) || query.Page < 1 || query.PerFile < 1)
            {
                return null;
            }

            var skip = (query.Page - 1) * query.PerFile;
            if (skip >= await CountAsync(query.Kind, ct))
            {
                return null;
            }

            var take = query.PerFile;
            // Dates are read as they are stored and turned into days here: the provider does not translate that.
            if (query.Kind == "pages")
            {
                return [.. StartingPages.Skip(skip).Take(take).Select(p => new Entry(p, null))];
            }

            var rows = query.Kind switch
            {
                "articles" => await Published(db.Articles).OrderBy(a => a.Id).Skip(skip).Take(take)
                    .Select(a => new Row(a.Slug, a.UpdatedAt ?? a.PublishedAt, a.PublishedOn)).ToListAsync(ct),
                "issues" => await db.Issues.Where(i => i.Status == PublicationStatus.Published).OrderBy(i => i.Id).Skip(skip).Take(take)
                    .Select(i => new Row(i.Slug, null, i.PublishedOn)).ToListAsync(ct),
                "policies" => await db.Policies.OrderBy(p => p.Id).Skip(skip).Take(take).Select(p => new Row(p.Slug, p.ChangedAt, null)).ToListAsync(ct),
                "standards" => await db.Standards.OrderBy(s => s.Id).Skip(skip).Take(take).Select(s => new Row(s.Slug, s.ChangedAt, null)).ToListAsync(ct),
                "working-groups" => await db.WorkingGroups.OrderBy(w => w.Id).Skip(skip).Take(take).Select(w => new Row(w.Slug, null, null)).ToListAsync(ct),
                "organisations" => await db.Organisations.OrderBy(o => o.Id).Skip(skip).Take(take).Select(o => new Row(o.Slug, null, null)).ToListAsync(ct),
                _ => await db.Sectors.OrderBy(s => s.Id).Skip(skip).Take(take).Select(s => new Row(s.Slug, null, null)).ToListAsync(ct),
            };
            return [.. rows.Select(r => new Entry($"/{query.Kind}/{r.Slug}", r.At is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : r.On))];
        }

        private sealed record Row(string Slug, DateTimeOffset? At, DateOnly? On);

        private static IQueryable<Article> Published(IQueryable<Article> articles) => articles.Where(a => a.Status == PublicationStatus.Published);

        private async Task<int> CountAsync(string kind, CancellationToken ct) => kind switch
        {
            "pages" => StartingPages.Count,
            "articles" => await Published(db.Articles).CountAsync(ct),
            "issues" => await db.Issues.CountAsync(i => i.Status == PublicationStatus.Published, ct),
            "policies" => await db.Policies.CountAsync(ct),
            "standards" => await db.Standards.CountAsync(ct),
            "working-groups" => await db.WorkingGroups.CountAsync(ct),
            "organisations" => await db.Organisations.CountAsync(ct),
            _ => await db.Sectors.CountAsync(ct),
        };
    }
}
