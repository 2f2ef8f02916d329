using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Search;
using SesecPortal.Application.Features.Standards;

namespace SesecPortal.Application.Features.Home;

/// <summary>
/// The sitemap (sitemaps.org protocol) that tells search engines every public page: an index of files, one run of
/// files per kind of item. File <c>n</c> of a kind holds the items whose ids fall in the <c>n</c>th block of
/// <see cref="UrlsPerFile"/> ids: never more than the protocol allows, read by a range of the primary key however
/// far the file is, and an item stays in its file when others are added or deleted. The ICS groups that hold standards
/// (at most the 7th edition's 1,381) are one file, counted from the search index as <c>/ics</c> counts them.
/// </summary>
public static class GetSitemap
{
    /// <summary>The protocol's limit per file.</summary>
    public const int UrlsPerFile = 50_000;

    /// <summary>The kinds of item with public pages, as their addresses name them.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["pages", "articles", "issues", "policies", "standards", "working-groups", "organisations", "sectors", "ics"];

    /// <summary>The item kind each file of items lists.</summary>
    private static readonly Dictionary<string, ItemKind> ItemKinds = new(StringComparer.Ordinal)
    {
        ["articles"] = ItemKind.Article, ["issues"] = ItemKind.Issue, ["policies"] = ItemKind.Policy, ["standards"] = ItemKind.Standard,
        ["working-groups"] = ItemKind.WorkingGroup, ["organisations"] = ItemKind.Organisation, ["sectors"] = ItemKind.Sector,
    };

    /// <summary>The files of the sitemap index.</summary>
    public sealed record IndexQuery(int PerFile = UrlsPerFile) : IQuery<IReadOnlyList<SitemapFile>>;

    public sealed record SitemapFile(string Kind, int Page);

    /// <summary>One file: null when there is no such kind or page.</summary>
    public sealed record FileQuery(string Kind, int Page, int PerFile = UrlsPerFile) : IQuery<IReadOnlyList<Entry>?>;

    /// <param name="Path">The page's address, from the site's root.</param>
    /// <param name="LastModified">When the item last changed, where the portal records it.</param>
    public sealed record Entry(string Path, DateOnly? LastModified);

    public sealed class Handler(PortalDbContext db, PortalSearchIndex search, TimeProvider clock, IPortalAddresses addresses) : IQueryHandler<IndexQuery, IReadOnlyList<SitemapFile>>, IQueryHandler<FileQuery, IReadOnlyList<Entry>?>
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
                var pages = addresses.StartingPages.Skip((query.Page - 1) * query.PerFile).Take(query.PerFile).Select(p => new Entry(p, null)).ToList();
                return pages.Count == 0 ? null : pages;
            }

            if (query.Kind == "ics")
            {
                var groups = (await IcsGroupsAsync(ct)).Skip((query.Page - 1) * query.PerFile).Take(query.PerFile).ToList();
                return groups.Count == 0 ? null : [.. groups.Select(code => new Entry(addresses.IcsGroup(code), null))];
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
            return rows.Count == 0 ? null : [.. rows.Select(r => new Entry(addresses.Page(new ItemRef(ItemKinds[query.Kind], r.Slug)), r.At is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : r.On))];
        }

        /// <summary>The ICS codes that hold at least one standard, in code order.</summary>
        private async Task<List<string>> IcsGroupsAsync(CancellationToken ct)
        {
            var (counts, _) = await BrowseIcs.CountAsync(search, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct);
            return [.. counts.Where(c => c.Value > 0 && Classification.FindIcs(c.Key) is not null).Select(c => c.Key).Order(StringComparer.Ordinal)];
        }

        private sealed record Row(string Slug, DateTimeOffset? At, DateOnly? On);

        private static IQueryable<Article> Published(IQueryable<Article> articles) => articles.Where(a => a.Status == PublicationStatus.Published);

        private IQueryable<NewsletterIssue> PublishedIssues => db.Issues.Where(i => i.Status == PublicationStatus.Published);

        /// <summary>
        /// The blocks of ids that hold at least one item: the first and last ids, then one probe per block between them
        /// that stops at its first item: about 1 ms each at 600,000 articles, where a pass over every id (DISTINCT)
        /// took 2.4 s.
        /// </summary>
        private async Task<List<int>> BlocksAsync(string kind, int perFile, CancellationToken ct) => kind switch
        {
            "pages" => [.. Enumerable.Range(1, (addresses.StartingPages.Count + perFile - 1) / perFile)],
            "ics" => [.. Enumerable.Range(1, ((await IcsGroupsAsync(ct)).Count + perFile - 1) / perFile)],
            "articles" => await BlocksAsync(Published(db.Articles).Select(a => a.Id), perFile, ct),
            "issues" => await BlocksAsync(PublishedIssues.Select(i => i.Id), perFile, ct),
            "policies" => await BlocksAsync(db.Policies.Select(p => p.Id), perFile, ct),
            "standards" => await BlocksAsync(db.Standards.Select(s => s.Id), perFile, ct),
            "working-groups" => await BlocksAsync(db.WorkingGroups.Select(w => w.Id), perFile, ct),
            "organisations" => await BlocksAsync(db.Organisations.Select(o => o.Id), perFile, ct),
            _ => await BlocksAsync(db.Sectors.Select(s => s.Id), perFile, ct),
        };

        private static async Task<List<int>> BlocksAsync(IQueryable<int> ids, int perFile, CancellationToken ct)
        {
            if (await ids.OrderBy(id => id).Select(id => (int?)id).FirstOrDefaultAsync(ct) is not { } min)
            {
                return [];
            }

            var max = await ids.OrderByDescending(id => id).FirstAsync(ct);
            var (first, last) = (Block(min, perFile), Block(max, perFile));
            var blocks = new List<int> { first };
            for (var block = first + 1; block < last; block++)
            {
                var (from, to) = ((block - 1) * perFile + 1, block * perFile);
                // The first id of the block, in id order: a walk of the primary key that stops at once. (EXISTS let
                // PostgreSQL pick a sequential scan that read 50 ms of articles before the block's first.)
                if (await ids.Where(id => id >= from && id <= to).OrderBy(id => id).Select(id => (int?)id).FirstOrDefaultAsync(ct) is not null)
                {
                    blocks.Add(block);
                }
            }

            if (last != first)
            {
                blocks.Add(last);
            }

            return blocks;
        }

        private static int Block(int id, int perFile) => (id - 1) / perFile + 1;
    }
}
