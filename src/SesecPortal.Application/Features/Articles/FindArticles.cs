using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Articles;

/// <summary>
/// The list of published articles: filter by sector, issue, year and tag; newest first, oldest first or by title; 25 a
/// page. An article's date is its event's, or its publication's when it has none (as in the digest and search). Each
/// filter's values are counted within every other filter (not its own). Bad input is corrected and explained.
/// </summary>
public static class FindArticles
{
    public const int PageSize = 25;

    /// <summary>At most this many sectors and tags are offered (the most frequent), and always those chosen.</summary>
    public const int MaxFacetValues = 30;

    public static readonly IReadOnlyList<string> Sorts = ["newest", "oldest", "title"];

    public sealed record Query(
        IReadOnlyList<string>? Sector = null,
        IReadOnlyList<string>? Issue = null,
        IReadOnlyList<string>? Year = null,
        IReadOnlyList<string>? Tag = null,
        string? Sort = null,
        string? Page = null) : IQuery<Result>;

    public sealed record Result(
        string Sort, int Total, int Page, int PageCount, IReadOnlyList<Row> Articles,
        IReadOnlyList<FacetValue> Sectors, IReadOnlyList<FacetValue> Issues, IReadOnlyList<FacetValue> Years, IReadOnlyList<FacetValue> Tags,
        IReadOnlyList<string> Messages);

    public sealed record Row(string Slug, string Title, string Summary, string? Date, Link? Issue, IReadOnlyList<Link> Sectors, IReadOnlyList<string> Tags);

    private sealed record Selection(List<string> Sectors, List<string> Issues, List<int> Years, List<string> Tags);

    private enum Facet { None, Sector, Issue, Year, Tag }

    public sealed class Handler(PortalDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var input = new QueryInput();
            var messages = input.Messages;
            var published = db.Articles.AsNoTracking().Published();

            var sectors = await input.KnownAsync("sector", query.Sector, db.Sectors.Select(s => s.Slug), ct);
            var issues = await input.KnownAsync("issue", query.Issue,
                db.Issues.Where(i => i.Status == PublicationStatus.Published).Select(i => i.Slug), ct);
            var years = input.Years(query.Year);
            var tags = await input.KnownAsync("tag", query.Tag, published.SelectMany(a => a.Tags).Distinct(), ct);
            var selection = new Selection(sectors, issues, years, tags);

            var sort = SortOf(query.Sort, messages);
            var all = Filtered(selection, Facet.None);
            var total = await all.CountAsync(ct);
            var pageCount = QueryInput.PageCount(total, PageSize);
            var page = input.Page(query.Page, pageCount, total);
            var rows = await Ordered(all, sort).Skip((page - 1) * PageSize).Take(PageSize)
                .Select(a => new
                {
                    a.Slug, a.Title, a.Summary, a.EventDate, a.EventDatePrecision, a.PublishedOn, a.Tags,
                    Issue = a.Section == null ? null : new Link(a.Section.Issue!.Slug, a.Section.Issue.Title, null),
                    Sectors = a.Sectors.OrderBy(s => s.Position).Select(s => new Link(s.Slug, s.Name, null)).ToList(),
                })
                .ToListAsync(ct);

            var sectorCounts = await Filtered(selection, Facet.Sector).SelectMany(a => a.Sectors)
                .GroupBy(s => new { s.Slug, s.Name }).Select(g => new { g.Key.Slug, g.Key.Name, Count = g.Count() }).ToListAsync(ct);
            var issueCounts = await Filtered(selection, Facet.Issue).Where(a => a.Section != null)
                .GroupBy(a => new { a.Section!.Issue!.Slug, a.Section.Issue.Title, a.Section.Issue.PeriodStart })
                .Select(g => new { g.Key.Slug, g.Key.Title, g.Key.PeriodStart, Count = g.Count() }).ToListAsync(ct);
            var yearCounts = await Filtered(selection, Facet.Year).Where(a => (a.EventDate ?? a.PublishedOn) != null)
                .GroupBy(a => (a.EventDate ?? a.PublishedOn)!.Value.Year).Select(g => new { Year = g.Key, Count = g.Count() }).ToListAsync(ct);
            var tagCounts = await Filtered(selection, Facet.Tag).SelectMany(a => a.Tags)
                .GroupBy(t => t).Select(g => new { Tag = g.Key, Count = g.Count() }).ToListAsync(ct);

            static string Year(int y) => y.ToString(CultureInfo.InvariantCulture);
            return new Result(
                sort, total, page, pageCount,
                [.. rows.Select(a => new Row(a.Slug, a.Title, a.Summary,
                    a.EventDate is { } e ? PartialDate.Format(e, a.EventDatePrecision) : a.PublishedOn is { } p ? PartialDate.Format(p) : null,
                    a.Issue, a.Sectors, a.Tags))],
                FacetValues.Top(sectorCounts.OrderBy(s => s.Name).Select(s => new FacetValue(s.Slug, s.Name, s.Count, sectors.Contains(s.Slug))), MaxFacetValues),
                [.. issueCounts.OrderByDescending(i => i.PeriodStart).Select(i => new FacetValue(i.Slug, i.Title, i.Count, issues.Contains(i.Slug)))],
                [.. yearCounts.OrderByDescending(y => y.Year).Select(y => new FacetValue(Year(y.Year), Year(y.Year), y.Count, years.Contains(y.Year)))],
                FacetValues.Top(tagCounts.OrderBy(t => t.Tag, StringComparer.OrdinalIgnoreCase).Select(t => new FacetValue(t.Tag, t.Tag, t.Count, tags.Contains(t.Tag))), MaxFacetValues),
                messages);
        }

        /// <summary>The order asked for, or newest first (with a message when the one asked for is not known).</summary>
        private static string SortOf(string? asked, List<string> messages)
        {
            var sort = (asked ?? "").Trim().ToLowerInvariant();
            if (sort.Length > 0 && !Sorts.Contains(sort))
            {
                messages.Add($"Articles cannot be sorted by “{QueryInput.Shorten(asked!)}”; they are sorted newest first.");
                sort = "";
            }

            return sort.Length > 0 ? sort : "newest";
        }

        /// <summary>Undated articles last in either direction.</summary>
        private static IQueryable<Article> Ordered(IQueryable<Article> all, string sort) => sort switch
        {
            "title" => all.OrderBy(a => a.Title).ThenBy(a => a.Id),
            "oldest" => all.OrderBy(a => (a.EventDate ?? a.PublishedOn) == null).ThenBy(a => a.EventDate ?? a.PublishedOn).ThenBy(a => a.Title).ThenBy(a => a.Id),
            _ => all.OrderBy(a => (a.EventDate ?? a.PublishedOn) == null).ThenByDescending(a => a.EventDate ?? a.PublishedOn).ThenBy(a => a.Title).ThenBy(a => a.Id),
        };

        /// <summary>The published articles matching every filter but <paramref name="except"/>'s (whose values are being counted).</summary>
        private IQueryable<Article> Filtered(Selection s, Facet except)
        {
            var articles = db.Articles.AsNoTracking().Published();
            if (s.Sectors.Count > 0 && except != Facet.Sector)
            {
                articles = articles.Where(a => a.Sectors.Any(x => s.Sectors.Contains(x.Slug)));
            }

            if (s.Issues.Count > 0 && except != Facet.Issue)
            {
                articles = articles.Where(a => a.Section != null && s.Issues.Contains(a.Section.Issue!.Slug));
            }

            if (s.Years.Count > 0 && except != Facet.Year)
            {
                articles = articles.Where(a => (a.EventDate ?? a.PublishedOn) != null && s.Years.Contains((a.EventDate ?? a.PublishedOn)!.Value.Year));
            }

            if (s.Tags.Count > 0 && except != Facet.Tag)
            {
                articles = articles.Where(a => a.Tags.Any(t => s.Tags.Contains(t)));
            }

            return articles;
        }
    }
}
