using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Standards;
using SesecPortal.Search;
using Engine = SesecPortal.Search;

namespace SesecPortal.Application.Features.Search;

/// <summary>
/// One search over articles, policies, standards, working groups and organisations, answered by this instance's Lucene
/// index (<see cref="PortalSearchIndex"/>): web-search syntax, whole words first and prefixes when they find less than a
/// page, British and American spellings, typo tolerance, standard codes in any form, Chinese titles, facets counted
/// exactly over every match, and paging. The HTML page and the JSON API both send this query, so they always agree. Bad
/// input never fails: it is corrected and the result says how.
/// </summary>
public static class SearchPortal
{
    public const int PageSize = 20;
    public const int MaxFacetValues = 30;

    /// <summary>Every parameter is the raw text from the address, so the page and the API report bad input alike.</summary>
    public sealed record Query(
        string? Q,
        IReadOnlyList<string>? Kind = null,
        IReadOnlyList<string>? Sector = null,
        IReadOnlyList<string>? Status = null,
        IReadOnlyList<string>? Authority = null,
        IReadOnlyList<string>? Year = null,
        string? Page = null,
        IReadOnlyList<string>? Ics = null,
        IReadOnlyList<string>? Ccs = null) : IQuery<Result>;

    /// <param name="MoreThanTotal">Kept for the API's shape: counts are exact, so it is always false.</param>
    public sealed record Result(
        string Query, int Total, int Page, int PageCount, IReadOnlyList<Hit> Hits, Facets Facets, Filters Applied,
        IReadOnlyList<string> Messages, bool Approximate, string? ExactMatchUrl, bool MoreThanTotal = false);

    public sealed record Hit(string Kind, string Title, string? Code, string Url, string SnippetHtml, double Score, string? Date)
    {
        /// <summary>The Chinese title, when the item has one.</summary>
        public string? TitleZh { get; init; }
    }

    public sealed record Facets(
        IReadOnlyList<FacetValue> Kind, IReadOnlyList<FacetValue> Sector, IReadOnlyList<FacetValue> Authority,
        IReadOnlyList<FacetValue> Status, IReadOnlyList<FacetValue> Year)
    {
        /// <summary>Standards by ICS: the fields when no ICS filter is on; else each chosen group and the groups just below it.</summary>
        public IReadOnlyList<FacetValue> Ics { get; init; } = [];

        /// <summary>Standards by CCS first-level class (<c>L</c>), named in English and Chinese, in letter order.</summary>
        public IReadOnlyList<FacetValue> Ccs { get; init; } = [];
    }

    /// <summary>The filters in force after unknown values were dropped.</summary>
    public sealed record Filters(
        IReadOnlyList<string> Kind, IReadOnlyList<string> Sector, IReadOnlyList<string> Status, IReadOnlyList<string> Authority, IReadOnlyList<string> Year)
    {
        /// <summary>ICS codes (a group includes everything below it).</summary>
        public IReadOnlyList<string> Ics { get; init; } = [];

        /// <summary>CCS first-level class letters.</summary>
        public IReadOnlyList<string> Ccs { get; init; } = [];

        public bool Any => Kind.Count + Sector.Count + Status.Count + Authority.Count + Year.Count + Ics.Count + Ccs.Count > 0;
    }

    public static readonly IReadOnlyDictionary<string, SearchKind> Kinds = new Dictionary<string, SearchKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["article"] = SearchKind.Article,
        ["policy"] = SearchKind.Policy,
        ["standard"] = SearchKind.Standard,
        ["working-group"] = SearchKind.WorkingGroup,
        ["organisation"] = SearchKind.Organisation,
    };

    public static string KindSlug(SearchKind kind) => kind switch
    {
        SearchKind.Article => "article",
        SearchKind.Policy => "policy",
        SearchKind.Standard => "standard",
        SearchKind.WorkingGroup => "working-group",
        _ => "organisation",
    };

    public static string KindLabel(SearchKind kind) => kind switch
    {
        SearchKind.WorkingGroup => "Committee or working group",
        _ => kind.ToString(),
    };

    private static readonly Dictionary<string, string> StatusLabels = new(StringComparer.OrdinalIgnoreCase)
    {
        [nameof(StandardStatus.UnderDevelopment)] = Labels.Of(StandardStatus.UnderDevelopment),
        [nameof(StandardStatus.DraftForComments)] = Labels.Of(StandardStatus.DraftForComments),
        [nameof(StandardStatus.Published)] = Labels.Of(StandardStatus.Published),
        [nameof(StandardStatus.InForce)] = Labels.Of(StandardStatus.InForce),
        [nameof(StandardStatus.Superseded)] = Labels.Of(StandardStatus.Superseded),
        [nameof(StandardStatus.Withdrawn)] = Labels.Of(StandardStatus.Withdrawn),
        [nameof(PolicyStatus.Final)] = Labels.Of(PolicyStatus.Final),
    };

    private static readonly string[] CountedFacets = ["kind", "sector", "authority", "status", "year"];

    /// <summary>
    /// Every value of a facet is counted (ICS counts every level, so a cut by count could drop the groups the page shows);
    /// the sector, authority and year lists keep their <see cref="MaxFacetValues"/> here.
    /// </summary>
    private const int AllFacetValues = 100_000;

    /// <summary>
    /// What the index is asked for words and valid filters (sectors and authorities by id): the one place it is built,
    /// for /search and for the searches members follow (watchlists), so that a saved search finds what /search finds.
    /// </summary>
    public static SearchRequest RequestFor(Engine.SearchSyntax syntax, Filters filters, IReadOnlyList<int> sectorIds, IReadOnlyList<int> authorityIds, DateOnly today) => new()
    {
        Syntax = syntax,
        CodeKey = CodeKeyOf(syntax.Text),
        Filters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["kind"] = filters.Kind,
            ["sector"] = [.. sectorIds.Select(SearchDocuments.Id)],
            ["authority"] = [.. authorityIds.Select(SearchDocuments.Id)],
            ["status"] = filters.Status,
            ["year"] = filters.Year,
            [ClassificationFacets.IcsFacet] = filters.Ics,
            [ClassificationFacets.CcsClassFacet] = filters.Ccs,
        },
        Today = today,
        PageSize = PageSize,
    };

    /// <summary>A standard code, however typed, is looked for by its compact key; null when the text is not one.</summary>
    public static string? CodeKeyOf(string text) => StandardCode.TryParse(text, out var code) ? code.Key : null;

    /// <summary>The kind filter's values /search knows, as their slugs; the others are dropped.</summary>
    public static IReadOnlyList<string> KnownKinds(IEnumerable<string> values) => [.. values.Where(Kinds.ContainsKey).Select(k => KindSlug(Kinds[k]))];

    public sealed class Handler(PortalDbContext db, PortalSearchIndex search, TimeProvider clock, IPortalAddresses addresses) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var input = new QueryInput();
            var messages = input.Messages;
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var syntax = Engine.SearchSyntax.Parse(query.Q);
            if (syntax.WasShortened)
            {
                messages.Add($"Your search was longer than {Engine.SearchSyntax.MaxLength} characters and was shortened.");
            }

            var (codeKey, codeIsWhole, exactMatchUrl) = await StandardCodeMatch.FindAsync(db, addresses, syntax.Text, messages, ct);
            if (syntax.IsEmpty && !string.IsNullOrWhiteSpace(syntax.Text) && codeKey is null)
            {
                messages.Add("Your search has no words to look for (only punctuation or exclusions), so everything is shown.");
            }

            var (filters, sectors, authorities) = await ValidFiltersAsync(query, input, ct);
            var request = RequestFor(syntax, filters,
                [.. filters.Sector.Select(s => sectors.BySlug[s])], [.. filters.Authority.Select(a => authorities.BySlug[a])], today) with
            {
                Page = RequestedPage(query.Page),
                PageSize = PageSize,
                CountFacets = [.. CountedFacets, .. ClassificationFacets.Counted(filters.Ics)],
                MaxFacetValues = AllFacetValues,
            };

            var results = await RunAsync(request, ct);
            var pageCount = QueryInput.PageCount(results.Total, PageSize);
            var page = input.Page(query.Page, pageCount, results.Total);
            if (page != request.Page)
            {
                results = await RunAsync(request with { Page = page }, ct);
            }

            if (results.Approximate)
            {
                messages.Add($"Nothing matches “{syntax.Text}” exactly; these items have similar titles.");
            }

            var hits = results.Hits.Select(h =>
            {
                var kind = Kinds[h.Kind];
                return new Hit(h.Kind, h.Title, h.Code, addresses.Page(ItemRef.Of(kind, h.Slug)), h.SnippetHtml, Math.Round(h.Score, 4), h.Date is { } d ? PartialDate.Format(d) : null)
                {
                    TitleZh = h.TitleZh,
                };
            }).ToList();
            var facets = await FacetsAsync(results, filters, ct);
            return new Result(syntax.Text, results.Total, page, pageCount, hits, facets, filters, messages, results.Approximate,
                codeIsWhole && page == 1 ? exactMatchUrl : null);
        }

        private Task<SearchResults> RunAsync(SearchRequest request, CancellationToken ct) => search.SearchAsync(request, ct);

        /// <summary>Any page number that may be right, for the first search; the total then says whether it is.</summary>
        private static int RequestedPage(string? raw) =>
            int.TryParse(raw?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1 ? page : 1;

        private async Task<(Filters Filters, Names Sectors, Names Authorities)> ValidFiltersAsync(Query query, QueryInput input, CancellationToken ct)
        {
            var kinds = QueryInput.Values(query.Kind);
            input.Ignored("kind", kinds.Where(k => !Kinds.ContainsKey(k)));
            kinds = [.. KnownKinds(kinds)];

            var knownSectors = await input.KnownAsync("sector", query.Sector, db.Sectors.Select(s => s.Slug), ct);
            var knownAuthorities = await input.KnownAsync("authority", query.Authority, db.Organisations.Select(o => o.Slug), ct);

            var statuses = QueryInput.Values(query.Status);
            input.Ignored("status", statuses.Where(s => !StatusLabels.ContainsKey(s)));
            statuses = [.. statuses.Where(StatusLabels.ContainsKey).Select(s => StatusLabels.Keys.First(k => k.Equals(s, StringComparison.OrdinalIgnoreCase)))];

            var years = QueryInput.Values(query.Year);
            var validYears = years.Where(y => int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1900 and <= 2200).ToList();
            input.Ignored("year", years.Except(validYears));

            var (sectors, authorities) = await NamesAsync(s => knownSectors.Contains(s.Slug), o => knownAuthorities.Contains(o.Slug),
                knownSectors.Count + knownAuthorities.Count == 0, ct);
            var filters = new Filters(kinds, knownSectors, statuses, knownAuthorities, validYears)
            {
                Ics = ClassificationFacets.ValidIcs(input, query.Ics),
                Ccs = ClassificationFacets.ValidCcsClasses(input, query.Ccs),
            };
            return (filters, sectors, authorities);
        }

        /// <summary>The sectors and organisations (authorities) asked for, in one round trip; none when <paramref name="none"/>.</summary>
        private async Task<(Names Sectors, Names Authorities)> NamesAsync(
            System.Linq.Expressions.Expression<Func<Sector, bool>> sector, System.Linq.Expressions.Expression<Func<Organisation, bool>> authority,
            bool none, CancellationToken ct)
        {
            if (none)
            {
                return (new Names([]), new Names([]));
            }

            var rows = await db.Sectors.AsNoTracking().Where(sector).Select(s => new { IsSector = true, s.Id, s.Slug, s.Name })
                .Concat(db.Organisations.AsNoTracking().Where(authority).Select(o => new { IsSector = false, o.Id, o.Slug, Name = o.Abbreviation ?? o.Name }))
                .ToListAsync(ct);
            return (new Names([.. rows.Where(r => r.IsSector).Select(r => new Named(r.Id, r.Slug, r.Name))]),
                new Names([.. rows.Where(r => !r.IsSector).Select(r => new Named(r.Id, r.Slug, r.Name))]));
        }

        /// <summary>The index counts sectors and authorities by id: their slugs and names are read for the ids it found.</summary>
        private async Task<Facets> FacetsAsync(SearchResults results, Filters filters, CancellationToken ct)
        {
            IReadOnlyList<FacetCount> Of(string facet) => results.Facets.TryGetValue(facet, out var counts) ? [.. counts.Take(MaxFacetValues)] : [];
            static List<int> Ids(IReadOnlyList<FacetCount> counts) =>
                [.. counts.Select(c => int.TryParse(c.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0)];

            var sectorIds = Ids(Of("sector"));
            var authorityIds = Ids(Of("authority"));
            var (sectors, authorities) = await NamesAsync(s => sectorIds.Contains(s.Id), o => authorityIds.Contains(o.Id),
                sectorIds.Count + authorityIds.Count == 0, ct);

            // An id the database no longer has (a sector deleted since the item was indexed) is not shown.
            static List<FacetValue> Named(IReadOnlyList<FacetCount> counts, Names names, IReadOnlyList<string> selected) =>
                [.. counts.Select(c => names.ById.GetValueOrDefault(c.Value)).Zip(counts)
                    .Where(p => p.First is not null)
                    .Select(p => new FacetValue(p.First!.Slug, p.First.Name, p.Second.Count, selected.Contains(p.First.Slug)))];

            return new Facets(
                [.. Of("kind").Select(k => new FacetValue(k.Value, KindLabel(Kinds[k.Value]), k.Count, filters.Kind.Contains(k.Value)))],
                Named(Of("sector"), sectors, filters.Sector),
                Named(Of("authority"), authorities, filters.Authority),
                [.. Of("status").Where(s => s.Value.Length > 0)
                    .Select(s => new FacetValue(s.Value, StatusLabels.GetValueOrDefault(s.Value, s.Value), s.Count, filters.Status.Contains(s.Value)))],
                [.. Of("year").Select(y => new FacetValue(y.Value, y.Value, y.Count, filters.Year.Contains(y.Value)))])
            {
                Ics = ClassificationFacets.Ics(results.Facets, filters.Ics),
                Ccs = ClassificationFacets.CcsClasses(results.Facets, filters.Ccs),
            };
        }
    }

    private sealed record Named(int Id, string Slug, string Name);

    private sealed class Names(List<Named> names)
    {
        public Dictionary<string, int> BySlug { get; } = names.ToDictionary(n => n.Slug, n => n.Id, StringComparer.Ordinal);

        public Dictionary<string, Named> ById { get; } = names.ToDictionary(n => SearchDocuments.Id(n.Id), StringComparer.Ordinal);
    }
}
