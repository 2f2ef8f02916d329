using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Home;

/// <summary>
/// The sitemap (sitemaps.org protocol) that tells search engines every public page: an index of files, one run of
/// files per kind of item. File <c>n</c> of a kind holds the items whose ids fall in the <c>n</c>th block of
/// <see cref="UrlsPerFile"/> ids: never more than the protocol allows, read by a range of the primary key however
/// far the file is, and an item stays in its file when others are added or deleted.
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
            ArgumentOutOfRangeException.ThrowIfLessThan(query.PerFile, 1, nameof(query));
            var files = new List<SitemapFile>();
            foreach (var kind in Kinds)
            {
                files.AddRange((await BlocksAsync(kind, query.PerFile, cancellationToken)).Select(block => new SitemapFile(kind, block)));
            }

            return files;
        }

        public async ValueTask<IReadOnlyList<Entry>?> Handle(FileQuery query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            if (!Kinds.Contains(query.Kind) || query.Page < 1 || query.PerFile < 1 || (long)query.Page * query.PerFile > int.MaxValue)
            {
                return null;
            }

            if (query.Kind == "pages")
            {
                var pages = StartingPages.Skip((query.Page - 1) * query.PerFile).Take(query.PerFile).Select(p => new Entry(p, null)).ToList();
                return pages.Count == 0 ? null : pages;
            }

            // Ids first..last: a range of the primary key.
            var first = (query.Page - 1) * query.PerFile + 1;
            var last = query.Page * query.PerFile;
            // Dates are read as they are stored and turned into days here.
            var rows = query.Kind switch
            {
                "articles" => await Published(db.Articles).Where(a => a.Id >= first && a.Id <= last).OrderBy(a => a.Id)
                    .Select(a => new Row(a.Slug, a.UpdatedAt ?? a.PublishedAt, a.PublishedOn)).ToListAsync(ct),
                "issues" => await PublishedIssues.Where(i => i.Id >= first && i.Id <= last).OrderBy(i => i.Id)
                    .Select(i => new Row(i.Slug, null, i.PublishedOn)).ToListAsync(ct),
                "policies" => await db.Policies.Where(p => p.Id >= first && p.Id <= last).OrderBy(p => p.Id).Select(p => new Row(p.Slug, p.ChangedAt, null)).ToListAsync(ct),
                "standards" => await db.Standards.Where(s => s.Id >= first && s.Id <= last).OrderBy(s => s.Id).Select(s => new Row(s.Slug, s.ChangedAt, null)).ToListAsync(ct),
                "working-groups" => await db.WorkingGroups.Where(w => w.Id >= first && w.Id <= last).OrderBy(w => w.Id).Select(w => new Row(w.Slug, null, null)).ToListAsync(ct),
                "organisations" => await db.Organisations.Where(o => o.Id >= first && o.Id <= last).OrderBy(o => o.Id).Select(o => new Row(o.Slug, null, null)).ToListAsync(ct),
                _ => await db.Sectors.Where(s => s.Id >= first && s.Id <= last).OrderBy(s => s.Id).Select(s => new Row(s.Slug, null, null)).ToListAsync(ct),
            };
            return rows.Count == 0 ? null : [.. rows.Select(r => new Entry($"/{query.Kind}/{r.Slug}", r.At is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : r.On))];
        }

        private sealed record Row(string Slug, DateTimeOffset? At, DateOnly? On);

        private static IQueryable<Article> Published(IQueryable<Article> articles) => articles.Where(a => a.Status == PublicationStatus.Published);

        private IQueryable<NewsletterIssue> PublishedIssues => db.Issues.Where(i => i.Status == PublicationStatus.Published);

        /// <summary>The blocks of ids that hold at least one item: one index-only pass over the ids.</summary>
        private async Task<List<int>> BlocksAsync(string kind, int perFile, CancellationToken ct) => kind switch
        {
            "pages" => [.. Enumerable.Range(1, (StartingPages.Count + perFile - 1) / perFile)],
            "articles" => await Blocks(Published(db.Articles).Select(a => a.Id), perFile).ToListAsync(ct),
            "issues" => await Blocks(PublishedIssues.Select(i => i.Id), perFile).ToListAsync(ct),
            "policies" => await Blocks(db.Policies.Select(p => p.Id), perFile).ToListAsync(ct),
            "standards" => await Blocks(db.Standards.Select(s => s.Id), perFile).ToListAsync(ct),
            "working-groups" => await Blocks(db.WorkingGroups.Select(w => w.Id), perFile).ToListAsync(ct),
            "organisations" => await Blocks(db.Organisations.Select(o => o.Id), perFile).ToListAsync(ct),
            _ => await Blocks(db.Sectors.Select(s => s.Id), perFile).ToListAsync(ct),
        };

        private static IQueryable<int> Blocks(IQueryable<int> ids, int perFile) => ids.Select(id => (id - 1) / perFile + 1).Distinct().OrderBy(b => b);
    }
}
