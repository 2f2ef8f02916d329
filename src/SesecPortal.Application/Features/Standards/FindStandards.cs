using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Search;
using SesecPortal.Search;
using SearchSyntax = SesecPortal.Search.SearchSyntax;

namespace SesecPortal.Application.Features.Standards;

/// <summary>
/// The standards finder for companies: filter by sector, level, status (on today's date), year and committee, optionally
/// by words or a code; sort by code, date or relevance; counts for every filter. Filters, counts, words and order all come
/// from this instance's search index (<see cref="PortalSearchIndex"/>), the same one <c>/search</c> answers from, so the
/// finder finds what search finds; only the page's 25 rows are read from PostgreSQL. Bad input is corrected, never fatal.
/// </summary>
public static class FindStandards
{
    public const int PageSize = 25;

    /// <summary>At most this many sectors, committees and years are offered as filters (the most frequent; the newest years).</summary>
    public const int MaxFacetValues = 30;

    public sealed record Query(
        string? Q = null,
        IReadOnlyList<string>? Sector = null,
        IReadOnlyList<string>? Level = null,
        IReadOnlyList<string>? Status = null,
        IReadOnlyList<string>? Year = null,
        IReadOnlyList<string>? Committee = null,
        string? Sort = null,
        string? Page = null,
        IReadOnlyList<string>? Ics = null,
        IReadOnlyList<string>? Ccs = null) : IQuery<Result>;

    public sealed record Result(
        string Query, string Sort, int Total, int Page, int PageCount, IReadOnlyList<Row> Standards,
        IReadOnlyList<FacetValue> Sectors, IReadOnlyList<FacetValue> Levels, IReadOnlyList<FacetValue> Statuses, IReadOnlyList<FacetValue> Years, IReadOnlyList<FacetValue> Committees,
        IReadOnlyList<string> Messages)
    {
        /// <summary>
        /// ICS counts: the fields when no ICS filter is on; else each chosen group (selected) and the groups just below it.
        /// A group counts every standard classified in it or below it.
        /// </summary>
        public IReadOnlyList<FacetValue> Ics { get; init; } = [];

        /// <summary>CCS counts by first-level class (<c>L</c>), named in English and Chinese, in letter order.</summary>
        public IReadOnlyList<FacetValue> Ccs { get; init; } = [];
    }

    public sealed record Row(string Slug, string? Code, string Title, string? Level, string Status, string? PublishedOn, string? EffectiveOn, Link? Committee, IReadOnlyList<Link> Sectors)
    {
        /// <summary>The adoption designation and degree (<c>GB/T 1—2020/ISO 1:2016, identical (IDT)</c>) when it adopts an international standard.</summary>
        public string? Adoption { get; init; }

        /// <summary>Its ICS codes (<c>35.240.30</c>), in code order.</summary>
        public IReadOnlyList<string> Ics { get; init; } = [];

        /// <summary>Its CCS code (<c>L80</c>).</summary>
        public string? Ccs { get; init; }
    }

    public static readonly IReadOnlyDictionary<string, StandardLevel> Levels = new Dictionary<string, StandardLevel>(StringComparer.OrdinalIgnoreCase)
    {
        ["gb"] = StandardLevel.MandatoryNational,
        ["gbt"] = StandardLevel.RecommendedNational,
        ["gbz"] = StandardLevel.GuidanceNational,
        ["plan"] = StandardLevel.NationalPlan,
        ["sector"] = StandardLevel.Sector,
        ["local"] = StandardLevel.Local,
        ["association"] = StandardLevel.Association,
        ["association-plan"] = StandardLevel.AssociationPlan,
        ["enterprise"] = StandardLevel.Enterprise,
        ["international"] = StandardLevel.International,
    };

    public static readonly IReadOnlyList<string> Sorts = ["relevance", "code", "date"];

    /// <summary>What a row of the list needs, read for one page.</summary>
    private sealed record RowData(
        int Id, string Slug, string? Code, string TitleEn, StandardLevel? Level, StandardStatus Status, DateOnly? EffectiveOn, DateOnly? WithdrawnOn,
        DateOnly? PublishedOn, List<AdoptionData> Adoptions, DateOnly? SupersededOn, string? SupersededBy, Link? Committee, List<Link> Sectors)
    {
        public List<string> Ics { get; init; } = [];

        public string? Ccs { get; init; }
    }

    private sealed record AdoptionData(string Code, AdoptionDegree? Degree);

    private static IQueryable<RowData> Project(IQueryable<Standard> standards) => standards.Select(s => new RowData(
        s.Id, s.Slug, s.Code, s.TitleEn, s.Level, s.Status, s.EffectiveOn, s.WithdrawnOn, s.PublishedOn,
        s.Adoptions.OrderBy(a => a.Position).Select(a => new AdoptionData(a.Code, a.Degree)).ToList(),
        s.ReplacedBy == null ? null : s.ReplacedBy.EffectiveOn ?? s.ReplacedBy.PublishedOn,
        s.ReplacedBy == null ? null : s.ReplacedBy.Code,
        s.Committee == null ? null : new Link(s.Committee.Slug, s.Committee.Name, s.Committee.Code),
        s.Sectors.OrderBy(x => x.Position).Select(x => new Link(x.Slug, x.Name, null)).ToList())
    {
        Ics = s.Ics.OrderBy(g => g.Code).Select(g => g.Code).ToList(),
        Ccs = s.CcsCode,
    });

    private static readonly string[] CountedFacets = ["sector", "level", "status", "year", "committee"];

    /// <summary>Every value of a facet is counted; the finder keeps its own <see cref="MaxFacetValues"/> in its own order.</summary>
    private const int AllFacetValues = 100_000;

    private sealed record Named(int Id, string Slug, string Name);

    /// <summary>The filters a query asks for, each value the portal knows (the others ignored, with a message).</summary>
    private sealed record Selection(
        SearchSyntax Syntax, string? CodeKey, List<string> Sectors, List<string> Levels, List<StandardStatus> Statuses, List<int> Years,
        List<string> Committees, List<string> Ics, List<string> Ccs)
    {
        public bool HasWords => !Syntax.IsEmpty || CodeKey is not null;
    }

    public sealed class Handler(PortalDbContext db, PortalSearchIndex search, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var input = new QueryInput();
            var messages = input.Messages;
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var selection = await SelectionAsync(query, input, ct);
            var sort = SortOf(query.Sort, selection, messages);
            var request = await RequestAsync(selection, sort, query.Page, today, ct);
            var results = await RunAsync(request, ct);
            var total = results.Total;
            // The index ranks at most MaxRank matches: the pages beyond are out of reach (narrow the list instead).
            var pageCount = Math.Min(QueryInput.PageCount(total, PageSize), Math.Max(1, PortalSearchIndex.Options.MaxRank / PageSize));
            if (request.Page > pageCount && pageCount < QueryInput.PageCount(total, PageSize))
            {
                messages.Add($"Only the first {pageCount * PageSize:N0} standards of a list can be paged through; add a filter or words to narrow it.");
            }

            var page = input.Page(query.Page, pageCount, total);
            if (page != request.Page)
            {
                results = await RunAsync(request with { Page = page }, ct);
            }

            if (results.Approximate)
            {
                messages.Add($"No standard matches “{selection.Syntax.Text}” exactly; these have similar titles.");
            }

            var ids = results.Hits.Select(h => h.Id).ToList();
            var rows = await Project(db.Standards.AsNoTracking().Where(s => ids.Contains(s.Id))).ToListAsync(ct);
            rows = [.. rows.OrderBy(r => ids.IndexOf(r.Id))];

            IReadOnlyList<FacetCount> Of(string facet) => results.Facets.TryGetValue(facet, out var counts) ? counts : [];
            var sectors = await NamesAsync(Of("sector"), wanted => db.Sectors.AsNoTracking().Where(s => wanted.Contains(s.Id)).Select(s => new Named(s.Id, s.Slug, s.Name)), ct);
            var committees = await NamesAsync(Of("committee"), wanted => db.WorkingGroups.AsNoTracking().Where(w => wanted.Contains(w.Id)).Select(w => new Named(w.Id, w.Slug, w.Name)), ct);
            return new Result(
                selection.Syntax.Text, sort, total, page, pageCount, [.. rows.Select(r => ToRow(r, today))],
                [.. sectors.Select(s => new FacetValue(s.Named.Slug, s.Named.Name, s.Count, selection.Sectors.Contains(s.Named.Slug)))],
                LevelFacets(Of("level"), selection.Levels), StatusFacets(Of("status"), selection.Statuses), YearFacets(Of("year"), selection.Years),
                [.. committees.Select(c => new FacetValue(c.Named.Slug, c.Named.Name, c.Count, selection.Committees.Contains(c.Named.Slug)))],
                messages)
            {
                Ics = ClassificationFacets.Ics(results.Facets, selection.Ics),
                Ccs = ClassificationFacets.CcsClasses(results.Facets, selection.Ccs),
            };
        }

        private async Task<Selection> SelectionAsync(Query query, QueryInput input, CancellationToken ct)
        {
            var syntax = SearchSyntax.Parse(query.Q);
            if (syntax.WasShortened)
            {
                input.Messages.Add($"Your search was longer than {SearchSyntax.MaxLength} characters and was shortened.");
            }

            var knownSectors = await input.KnownAsync("sector", query.Sector, db.Sectors.Select(s => s.Slug), ct);
            var levels = QueryInput.Values(query.Level);
            input.Ignored("level", levels.Where(l => !Levels.ContainsKey(l)));
            levels = [.. levels.Where(Levels.ContainsKey).Select(l => l.ToLowerInvariant())];
            var statuses = QueryInput.Values(query.Status);
            var parsedStatuses = statuses.Select(s => Enum.TryParse<StandardStatus>(s, true, out var v) && Enum.IsDefined(v) ? v : (StandardStatus?)null).ToList();
            input.Ignored("status", statuses.Where((_, i) => parsedStatuses[i] is null));
            var statusValues = parsedStatuses.OfType<StandardStatus>().Distinct().ToList();
            var validYears = input.Years(query.Year);
            var knownCommittees = await input.KnownAsync("committee", query.Committee, db.WorkingGroups.Select(w => w.Slug), ct);
            var icsCodes = ClassificationFacets.ValidIcs(input, query.Ics);
            var ccsClasses = ClassificationFacets.ValidCcsClasses(input, query.Ccs);
            string? codeKey = StandardCode.TryParse(syntax.Text, out var code) ? code.Key : null;
            return new Selection(syntax, codeKey, knownSectors, levels, statusValues, validYears, knownCommittees, icsCodes, ccsClasses);
        }

        /// <summary>The order asked for; else relevance when there are words, code when there are none.</summary>
        private static string SortOf(string? asked, Selection selection, List<string> messages)
        {
            var sort = (asked ?? "").Trim().ToLowerInvariant();
            if (sort.Length > 0 && !Sorts.Contains(sort))
            {
                messages.Add($"Standards cannot be sorted by “{QueryInput.Shorten(asked!)}”; they are sorted by {(selection.Syntax.IsEmpty ? "code" : "relevance")}.");
                sort = "";
            }

            if (sort == "relevance" && !selection.HasWords)
            {
                messages.Add("Sorting by relevance needs words to search for; the standards are sorted by code.");
                sort = "code";
            }

            return sort.Length > 0 ? sort : selection.HasWords ? "relevance" : "code";
        }

        private async Task<SearchRequest> RequestAsync(Selection selection, string sort, string? page, DateOnly today, CancellationToken ct)
        {
            var sectorIds = await db.Sectors.AsNoTracking().Where(s => selection.Sectors.Contains(s.Slug)).Select(s => s.Id).ToListAsync(ct);
            var committeeIds = await db.WorkingGroups.AsNoTracking().Where(w => selection.Committees.Contains(w.Slug)).Select(w => w.Id).ToListAsync(ct);
            return new SearchRequest
            {
                Syntax = selection.Syntax,
                CodeKey = selection.CodeKey,
                Filters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
                {
                    ["kind"] = [SearchDocuments.KindName(ItemKind.Standard)],
                    ["sector"] = [.. sectorIds.Select(SearchDocuments.Id)],
                    ["level"] = [.. selection.Levels.Select(l => Levels[l].ToString())],
                    ["status"] = [.. selection.Statuses.Select(s => s.ToString())],
                    ["year"] = [.. selection.Years.Select(y => y.ToString(CultureInfo.InvariantCulture))],
                    ["committee"] = [.. committeeIds.Select(SearchDocuments.Id)],
                    [ClassificationFacets.IcsFacet] = selection.Ics,
                    [ClassificationFacets.CcsClassFacet] = selection.Ccs,
                },
                Today = today,
                Sort = sort switch { "date" => SearchSort.Newest, "relevance" => SearchSort.Relevance, _ => SearchSort.Code },
                Page = int.TryParse(page?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var asked) && asked >= 1 ? asked : 1,
                PageSize = PageSize,
                // Prefixes widen the words when they find less than a page of /search, so the finder finds what search finds.
                WidenBelow = SearchPortal.PageSize,
                CountFacets = [.. CountedFacets, .. ClassificationFacets.Counted(selection.Ics)],
                MaxFacetValues = AllFacetValues,
                StatusCountsIgnoreStatusFilter = true,
            };
        }

        private static Row ToRow(RowData r, DateOnly today) => new(r.Slug, r.Code, r.TitleEn, r.Level is { } l ? Labels.Of(l) : null,
            StandardLifecycle.Describe(r.Status, r.EffectiveOn, r.WithdrawnOn, r.SupersededOn, r.SupersededBy, today), Format(r.PublishedOn), Format(r.EffectiveOn), r.Committee, r.Sectors)
        {
            Adoption = r.Adoptions.Count == 0 ? null : string.Join("; ", Adoption.DescribeAll(r.Code, r.Adoptions.Select(a => (a.Code, a.Degree)))),
            Ics = r.Ics,
            Ccs = r.Ccs,
        };

        private static string? Format(DateOnly? d) => d is { } v ? PartialDate.Format(v) : null;

        private static List<FacetValue> LevelFacets(IReadOnlyList<FacetCount> counts, List<string> selected)
        {
            var levelSlugs = Levels.ToDictionary(kv => kv.Value, kv => kv.Key);
            var levelCounts = counts.Select(l => (Level: Enum.TryParse<StandardLevel>(l.Value, out var v) ? v : (StandardLevel?)null, l.Count))
                .Where(l => l.Level is not null && levelSlugs.ContainsKey(l.Level.Value)).Select(l => (Level: l.Level!.Value, l.Count));
            return [.. levelCounts.OrderByDescending(l => l.Count).ThenBy(l => l.Level)
                .Select(l => new FacetValue(levelSlugs[l.Level], Labels.Of(l.Level), l.Count, selected.Contains(levelSlugs[l.Level])))];
        }

        private static List<FacetValue> StatusFacets(IReadOnlyList<FacetCount> counts, List<StandardStatus> selected)
        {
            var statusCounts = counts.Select(s => (Status: Enum.TryParse<StandardStatus>(s.Value, out var v) ? v : (StandardStatus?)null, s.Count))
                .Where(s => s.Status is not null).Select(s => (Status: s.Status!.Value, s.Count));
            return [.. statusCounts.OrderByDescending(s => s.Count).ThenBy(s => s.Status).Select(s => new FacetValue(s.Status.ToString(), Labels.Of(s.Status), s.Count, selected.Contains(s.Status)))];
        }

        private static List<FacetValue> YearFacets(IReadOnlyList<FacetCount> counts, List<int> selected)
        {
            var yearCounts = counts.Select(y => (Year: int.TryParse(y.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0, y.Count)).Where(y => y.Year > 0);
            return [.. yearCounts.OrderByDescending(y => y.Year).Take(MaxFacetValues)
                .Select(y => new FacetValue(y.Year.ToString(CultureInfo.InvariantCulture), y.Year.ToString(CultureInfo.InvariantCulture), y.Count, selected.Contains(y.Year)))];
        }

        private Task<SearchResults> RunAsync(SearchRequest request, CancellationToken ct) => search.SearchAsync(request, ct);

        /// <summary>
        /// The most frequent <see cref="MaxFacetValues"/> values of an id facet (ties by id), named from the database; an id
        /// it no longer has (deleted since it was indexed) is left out.
        /// </summary>
        private static async Task<List<(Named Named, int Count)>> NamesAsync(
            IReadOnlyList<FacetCount> counts, Func<List<int>, IQueryable<Named>> read, CancellationToken ct)
        {
            var top = counts.Select(c => (Id: int.TryParse(c.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0, c.Count))
                .Where(c => c.Id > 0).OrderByDescending(c => c.Count).ThenBy(c => c.Id).ToList();
            var wanted = top.Select(c => c.Id).ToList();
            var names = (await read(wanted).ToListAsync(ct)).ToDictionary(n => n.Id);
            return [.. top.Where(c => names.ContainsKey(c.Id)).Take(MaxFacetValues).Select(c => (names[c.Id], c.Count))];
        }
    }
}
