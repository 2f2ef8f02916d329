using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Policies;

/// <summary>
/// The list of policies: filter by sector, issuing authority, kind, status and year of issue; newest first or by title;
/// 25 a page. Each filter's values are counted within every other filter (not its own), so choosing one value still
/// shows how many the others would add. Bad input is corrected and explained, never fatal.
/// </summary>
public static class FindPolicies
{
    public const int PageSize = 25;

    /// <summary>At most this many sectors, authorities and years are offered (the most frequent, the newest years), and always those chosen.</summary>
    public const int MaxFacetValues = 30;

    public static readonly IReadOnlyList<string> Sorts = ["date", "title"];

    public sealed record Query(
        IReadOnlyList<string>? Sector = null,
        IReadOnlyList<string>? Authority = null,
        IReadOnlyList<string>? Kind = null,
        IReadOnlyList<string>? Status = null,
        IReadOnlyList<string>? Year = null,
        string? Sort = null,
        string? Page = null) : IQuery<Result>;

    public sealed record Result(
        string Sort, int Total, int Page, int PageCount, IReadOnlyList<Row> Policies,
        IReadOnlyList<FacetValue> Sectors, IReadOnlyList<FacetValue> Authorities, IReadOnlyList<FacetValue> Kinds,
        IReadOnlyList<FacetValue> Statuses, IReadOnlyList<FacetValue> Years, IReadOnlyList<string> Messages);

    /// <param name="Authorities">Lead first; <see cref="Link.Detail"/> is the abbreviation.</param>
    public sealed record Row(string Slug, string Title, string Kind, string Status, string? IssuedOn, IReadOnlyList<Link> Authorities, IReadOnlyList<Link> Sectors)
    {
        /// <summary>The Chinese title, when known.</summary>
        public string? TitleZh { get; init; }

        /// <summary>Its versions, when it is one of several (a draft and its final text...); null otherwise.</summary>
        public PolicyChain? Chain { get; init; }
    }

    /// <summary>The filters in force after bad values were dropped.</summary>
    private sealed record Selection(List<string> Sectors, List<string> Authorities, List<PolicyKind> Kinds, List<PolicyStatus> Statuses, List<int> Years);

    private enum Facet { None, Sector, Authority, Kind, Status, Year }

    /// <summary>The enum value named by <paramref name="text"/> (its name, any case; never a number).</summary>
    private static T? Named<T>(string text) where T : struct, Enum =>
        Enum.GetNames<T>().FirstOrDefault(n => n.Equals(text, StringComparison.OrdinalIgnoreCase)) is { } name ? Enum.Parse<T>(name) : null;

    public sealed class Handler(PortalDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var input = new QueryInput();
            var messages = input.Messages;

            var sectors = await input.KnownAsync("sector", query.Sector, db.Sectors.Select(s => s.Slug), ct);
            var authorities = await input.KnownAsync("authority", query.Authority, db.Organisations.Select(o => o.Slug), ct);
            var kindValues = QueryInput.Values(query.Kind);
            input.Ignored("kind of policy", kindValues.Where(k => Named<PolicyKind>(k) is null));
            var kinds = kindValues.Select(Named<PolicyKind>).OfType<PolicyKind>().Distinct().ToList();
            var statusValues = QueryInput.Values(query.Status);
            input.Ignored("status", statusValues.Where(s => Named<PolicyStatus>(s) is null));
            var statuses = statusValues.Select(Named<PolicyStatus>).OfType<PolicyStatus>().Distinct().ToList();
            var years = input.Years(query.Year);
            var selection = new Selection(sectors, authorities, kinds, statuses, years);

            var sort = SortOf(query.Sort, messages);
            var all = Filtered(selection, Facet.None);
            var total = await all.CountAsync(ct);
            var pageCount = QueryInput.PageCount(total, PageSize);
            var page = input.Page(query.Page, pageCount, total);
            var rows = await Ordered(all, sort).Skip((page - 1) * PageSize).Take(PageSize)
                .Select(p => new
                {
                    p.Id, p.Slug, p.Title, p.TitleZh, p.Kind, p.Status, p.IssuedOn, p.IssuedOnPrecision,
                    Authorities = p.Authorities.OrderBy(a => a.Position).Select(a => new Link(a.Organisation!.Slug, a.Organisation.Name, a.Organisation.Abbreviation)).ToList(),
                    Sectors = p.Sectors.OrderBy(s => s.Position).Select(s => new Link(s.Slug, s.Name, null)).ToList(),
                })
                .AsSplitQuery()
                .ToListAsync(ct);

            var sectorCounts = await Filtered(selection, Facet.Sector).SelectMany(p => p.Sectors)
                .GroupBy(s => new { s.Slug, s.Name }).Select(g => new { g.Key.Slug, g.Key.Name, Count = g.Count() }).ToListAsync(ct);
            var authorityCounts = await Filtered(selection, Facet.Authority).SelectMany(p => p.Authorities)
                .GroupBy(a => new { a.Organisation!.Slug, a.Organisation.Name }).Select(g => new { g.Key.Slug, g.Key.Name, Count = g.Count() }).ToListAsync(ct);
            var kindCounts = await Filtered(selection, Facet.Kind).GroupBy(p => p.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
            var statusCounts = await Filtered(selection, Facet.Status).GroupBy(p => p.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
            var yearCounts = await Filtered(selection, Facet.Year).Where(p => p.IssuedOn != null).GroupBy(p => p.IssuedOn!.Value.Year)
                .Select(g => new { Year = g.Key, Count = g.Count() }).ToListAsync(ct);

            var chains = await PolicyChains.LoadAsync(db, [.. rows.Select(p => p.Id)], ct);
            static string Year(int y) => y.ToString(CultureInfo.InvariantCulture);
            return new Result(
                sort, total, page, pageCount,
                [.. rows.Select(p => new Row(p.Slug, p.Title, Labels.Of(p.Kind), Labels.Of(p.Status),
                    p.IssuedOn is { } d ? PartialDate.Format(d, p.IssuedOnPrecision) : null, p.Authorities, p.Sectors)
                    {
                        TitleZh = p.TitleZh, Chain = chains.GetValueOrDefault(p.Id),
                    })],
                FacetValues.Top(sectorCounts.OrderBy(s => s.Name).Select(s => new FacetValue(s.Slug, s.Name, s.Count, sectors.Contains(s.Slug))), MaxFacetValues),
                FacetValues.Top(authorityCounts.OrderBy(a => a.Name).Select(a => new FacetValue(a.Slug, a.Name, a.Count, authorities.Contains(a.Slug))), MaxFacetValues),
                [.. kindCounts.OrderByDescending(k => k.Count).ThenBy(k => k.Key).Select(k => new FacetValue(k.Key.ToString(), Labels.Of(k.Key), k.Count, kinds.Contains(k.Key)))],
                [.. statusCounts.OrderBy(s => s.Key).Select(s => new FacetValue(s.Key.ToString(), Labels.Of(s.Key), s.Count, statuses.Contains(s.Key)))],
                [.. yearCounts.OrderByDescending(y => y.Year).Select(y => new FacetValue(Year(y.Year), Year(y.Year), y.Count, years.Contains(y.Year)))
                    .Where((y, i) => i < MaxFacetValues || y.Selected)],
                messages);
        }

        /// <summary>The order asked for, or by date (with a message when the one asked for is not known).</summary>
        private static string SortOf(string? asked, List<string> messages)
        {
            var sort = (asked ?? "").Trim().ToLowerInvariant();
            if (sort.Length > 0 && !Sorts.Contains(sort))
            {
                messages.Add($"Policies cannot be sorted by “{QueryInput.Shorten(asked!)}”; they are sorted by date, newest first.");
                sort = "";
            }

            return sort.Length > 0 ? sort : "date";
        }

        /// <summary>By title, or newest first with undated policies last.</summary>
        private static IQueryable<Policy> Ordered(IQueryable<Policy> all, string sort) => sort == "title"
            ? all.OrderBy(p => p.Title).ThenBy(p => p.Id)
            : all.OrderBy(p => p.IssuedOn == null).ThenByDescending(p => p.IssuedOn).ThenBy(p => p.Title).ThenBy(p => p.Id);

        /// <summary>The policies matching every filter but <paramref name="except"/>'s (whose values are being counted).</summary>
        private IQueryable<Policy> Filtered(Selection s, Facet except)
        {
            var policies = db.Policies.AsNoTracking();
            if (s.Sectors.Count > 0 && except != Facet.Sector)
            {
                policies = policies.Where(p => p.Sectors.Any(x => s.Sectors.Contains(x.Slug)));
            }

            if (s.Authorities.Count > 0 && except != Facet.Authority)
            {
                policies = policies.Where(p => p.Authorities.Any(a => s.Authorities.Contains(a.Organisation!.Slug)));
            }

            if (s.Kinds.Count > 0 && except != Facet.Kind)
            {
                policies = policies.Where(p => s.Kinds.Contains(p.Kind));
            }

            if (s.Statuses.Count > 0 && except != Facet.Status)
            {
                policies = policies.Where(p => s.Statuses.Contains(p.Status));
            }

            if (s.Years.Count > 0 && except != Facet.Year)
            {
                policies = policies.Where(p => p.IssuedOn != null && s.Years.Contains(p.IssuedOn.Value.Year));
            }

            return policies;
        }
    }
}
