using System.Globalization;
using System.Linq.Expressions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Standards;

/// <summary>
/// The standards finder for companies: filter by sector, level, status (on today's date), year and committee, optionally
/// by words or a code; sort by code, date or relevance; counts for every filter. Bad input is corrected, never fatal.
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
        string? Page = null) : IQuery<Result>;

    public sealed record Result(
        string Query, string Sort, int Total, int Page, int PageCount, IReadOnlyList<Row> Standards,
        IReadOnlyList<FacetValue> Sectors, IReadOnlyList<FacetValue> Levels, IReadOnlyList<FacetValue> Statuses, IReadOnlyList<FacetValue> Years, IReadOnlyList<FacetValue> Committees,
        IReadOnlyList<string> Messages);

    public sealed record Row(string Slug, string? Code, string Title, string? Level, string Status, string? PublishedOn, string? EffectiveOn, Link? Committee, IReadOnlyList<Link> Sectors)
    {
        /// <summary>The adoption designation and degree (<c>GB/T 1—2020/ISO 1:2016, identical (IDT)</c>) when it adopts an international standard.</summary>
        public string? Adoption { get; init; }
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

    /// <summary>A standard's status on a given day (the rules of <see cref="StandardLifecycle"/>, in SQL).</summary>
    public static Expression<Func<Standard, StandardStatus>> CurrentStatus(DateOnly today) => s =>
        s.WithdrawnOn != null && s.WithdrawnOn <= today && s.Status != StandardStatus.Superseded ? StandardStatus.Withdrawn
        : s.Status == StandardStatus.Published && s.EffectiveOn != null && s.EffectiveOn <= today ? StandardStatus.InForce
        : s.Status == StandardStatus.InForce && s.EffectiveOn != null && s.EffectiveOn > today ? StandardStatus.Published
        : s.Status;

    /// <summary>Code order: standards without a code last. The in-memory index keeps this order as PostgreSQL computes it.</summary>
    public static IOrderedQueryable<Standard> OrderByCode(IQueryable<Standard> standards) =>
        standards.OrderBy(s => s.NormalizedCode == null).ThenBy(s => s.NormalizedCode).ThenBy(s => s.TitleEn).ThenBy(s => s.Id);

    /// <summary>Newest first by publication, entry into force or drafting date; undated last.</summary>
    public static IOrderedQueryable<Standard> OrderByDate(IQueryable<Standard> standards) =>
        standards.OrderBy(s => (s.PublishedOn ?? s.EffectiveOn ?? s.DraftedOn) == null).ThenByDescending(s => s.PublishedOn ?? s.EffectiveOn ?? s.DraftedOn)
            .ThenByDescending(s => s.Year).ThenBy(s => s.NormalizedCode).ThenBy(s => s.Id);

    /// <summary>What a row of the list needs, read for one page.</summary>
    private sealed record RowData(
        int Id, string Slug, string? Code, string TitleEn, StandardLevel? Level, StandardStatus Status, DateOnly? EffectiveOn, DateOnly? WithdrawnOn,
        DateOnly? PublishedOn, List<AdoptionData> Adoptions, DateOnly? SupersededOn, string? SupersededBy, Link? Committee, List<Link> Sectors);

    private sealed record AdoptionData(string Code, AdoptionDegree? Degree);

    private static IQueryable<RowData> Project(IQueryable<Standard> standards) => standards.Select(s => new RowData(
        s.Id, s.Slug, s.Code, s.TitleEn, s.Level, s.Status, s.EffectiveOn, s.WithdrawnOn, s.PublishedOn,
        s.Adoptions.OrderBy(a => a.Position).Select(a => new AdoptionData(a.Code, a.Degree)).ToList(),
        s.ReplacedBy == null ? null : s.ReplacedBy.EffectiveOn ?? s.ReplacedBy.PublishedOn,
        s.ReplacedBy == null ? null : s.ReplacedBy.Code,
        s.Committee == null ? null : new Link(s.Committee.Slug, s.Committee.Name, s.Committee.Code),
        s.Sectors.OrderBy(x => x.Position).Select(x => new Link(x.Slug, x.Name, null)).ToList()));

    public sealed class Handler(PortalDbContext db, TimeProvider clock, StandardFinderIndex index) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var input = new QueryInput();
            var messages = input.Messages;
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var syntax = SearchSyntax.Parse(query.Q);
            if (syntax.WasShortened)
            {
                messages.Add($"Your search was longer than {SearchSyntax.MaxLength} characters and was shortened.");
            }

            var knownSectors = await input.KnownAsync("sector", query.Sector, db.Sectors.Select(s => s.Slug), ct);
            var levels = QueryInput.Values(query.Level);
            input.Ignored("level", levels.Where(l => !Levels.ContainsKey(l)));
            levels = [.. levels.Where(Levels.ContainsKey).Select(l => l.ToLowerInvariant())];
            var statuses = QueryInput.Values(query.Status);
            var parsedStatuses = statuses.Select(s => Enum.TryParse<StandardStatus>(s, true, out var v) && Enum.IsDefined(v) ? v : (StandardStatus?)null).ToList();
            input.Ignored("status", statuses.Where((_, i) => parsedStatuses[i] is null));
            var statusValues = parsedStatuses.OfType<StandardStatus>().Distinct().ToList();
            var years = QueryInput.Values(query.Year);
            var yearValues = years.Select(y => int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1900 and <= 2200 ? n : (int?)null).ToList();
            input.Ignored("year", years.Where((_, i) => yearValues[i] is null));
            var knownCommittees = await input.KnownAsync("committee", query.Committee, db.WorkingGroups.Select(w => w.Slug), ct);

            var sort = (query.Sort ?? "").Trim().ToLowerInvariant();
            if (sort.Length > 0 && !Sorts.Contains(sort))
            {
                messages.Add($"Standards cannot be sorted by “{QueryInput.Shorten(query.Sort!)}”; they are sorted by {(syntax.IsEmpty ? "code" : "relevance")}.");
                sort = "";
            }

            if (sort == "relevance" && syntax.IsEmpty)
            {
                messages.Add("Sorting by relevance needs words to search for; the standards are sorted by code.");
                sort = "code";
            }

            sort = sort.Length > 0 ? sort : syntax.IsEmpty ? "code" : "relevance";

            var tsQuery = syntax.TsQuery ?? "";
            string? codeKey = StandardCode.TryParse(syntax.Text, out var code) ? code.Key : null;
            var validYears = yearValues.OfType<int>().ToList();
            var levelValues = levels.Select(l => Levels[l]).ToList();
            var selection = new StandardFinderIndex.Selection(knownSectors, levelValues, validYears, knownCommittees, statusValues);

            // Without words or a code, filters, counts and the page come from the in-memory index; with them, from SQL.
            StandardFinderIndex.Tally tally;
            Func<int, Task<List<RowData>>> pageRows;
            var snapshot = index.Enabled && syntax.IsEmpty && codeKey is null ? await index.GetAsync(db, today, ct) : null;
            if (snapshot is { Usable: true })
            {
                tally = snapshot.Count(selection, MaxFacetValues);
                pageRows = async page =>
                {
                    var ids = snapshot.Page(selection, sort == "date", (page - 1) * PageSize, PageSize);
                    var rows = await Project(db.Standards.AsNoTracking().Where(s => ids.Contains(s.Id))).ToListAsync(ct);
                    return [.. rows.OrderBy(r => ids.IndexOf(r.Id))];
                };
            }
            else
            {
                var standards = Filtered(selection, syntax, tsQuery, codeKey, today, out var beforeStatus);
                tally = await TallyAsync(beforeStatus, standards, today, ct);
                pageRows = page =>
                {
                    IOrderedQueryable<Standard> ordered = sort switch
                    {
                        "date" => OrderByDate(standards),
                        "relevance" => standards
                            .OrderByDescending(s => codeKey != null && s.CodeKey == codeKey)
                            .ThenByDescending(s => db.SearchEntries.Where(e => e.Kind == SearchKind.Standard && e.ItemId == s.Id)
                                .Select(e => e.SearchVector.RankCoverDensity(EF.Functions.ToTsQuery("english", SearchFunctions.Spelling(tsQuery)))).FirstOrDefault())
                            .ThenBy(s => s.NormalizedCode).ThenBy(s => s.Id),
                        _ => OrderByCode(standards),
                    };
                    return Project(ordered.Skip((page - 1) * PageSize).Take(PageSize)).ToListAsync(ct);
                };
            }

            var total = tally.Total;
            var pageCount = QueryInput.PageCount(total, PageSize);
            var page = input.Page(query.Page, pageCount, total);
            var rows = await pageRows(page);

            static string? Format(DateOnly? d) => d is { } v ? PartialDate.Format(v) : null;
            var levelSlugs = Levels.ToDictionary(kv => kv.Value, kv => kv.Key);
            return new Result(
                syntax.Text, sort, total, page, pageCount,
                [.. rows.Select(r => new Row(r.Slug, r.Code, r.TitleEn, r.Level is { } l ? Labels.Of(l) : null,
                    StandardLifecycle.Describe(r.Status, r.EffectiveOn, r.WithdrawnOn, r.SupersededOn, r.SupersededBy, today), Format(r.PublishedOn), Format(r.EffectiveOn), r.Committee, r.Sectors)
                {
                    Adoption = r.Adoptions.Count == 0 ? null : string.Join("; ", Adoption.DescribeAll(r.Code, r.Adoptions.Select(a => (a.Code, a.Degree)))),
                })],
                [.. tally.Sectors.Select(s => new FacetValue(s.Slug, s.Name, s.Count, knownSectors.Contains(s.Slug)))],
                [.. tally.Levels.Where(l => l.Level is not null).OrderByDescending(l => l.Count).ThenBy(l => l.Level)
                    .Select(l => new FacetValue(levelSlugs[l.Level!.Value], Labels.Of(l.Level.Value), l.Count, levels.Contains(levelSlugs[l.Level.Value])))],
                [.. tally.Statuses.OrderByDescending(s => s.Count).ThenBy(s => s.Status).Select(s => new FacetValue(s.Status.ToString(), Labels.Of(s.Status), s.Count, statusValues.Contains(s.Status)))],
                [.. tally.Years.Select(y => new FacetValue(y.Year.ToString(CultureInfo.InvariantCulture), y.Year.ToString(CultureInfo.InvariantCulture), y.Count, validYears.Contains(y.Year)))],
                [.. tally.Committees.Select(c => new FacetValue(c.Slug, c.Name, c.Count, knownCommittees.Contains(c.Slug)))],
                messages);
        }

        /// <summary>The standards matching the selection in SQL; <paramref name="beforeStatus"/> is the same without the status filter.</summary>
        private IQueryable<Standard> Filtered(
            StandardFinderIndex.Selection selection, SearchSyntax syntax, string tsQuery, string? codeKey, DateOnly today, out IQueryable<Standard> beforeStatus)
        {
            var standards = db.Standards.AsNoTracking();
            if (selection.Sectors.Count > 0)
            {
                var sectors = selection.Sectors.ToList();
                standards = standards.Where(s => s.Sectors.Any(x => sectors.Contains(x.Slug)));
            }

            if (selection.Levels.Count > 0)
            {
                var levelValues = selection.Levels.Select(l => (StandardLevel?)l).ToList();
                standards = standards.Where(s => levelValues.Contains(s.Level));
            }

            if (selection.Years.Count > 0)
            {
                var years = selection.Years.Select(y => (int?)y).ToList();
                standards = standards.Where(s => years.Contains(s.Year));
            }

            if (selection.Committees.Count > 0)
            {
                var committees = selection.Committees.ToList();
                standards = standards.Where(s => s.Committee != null && committees.Contains(s.Committee.Slug));
            }

            if (!syntax.IsEmpty || codeKey is not null)
            {
                standards = standards.Where(s => (codeKey != null && s.CodeKey != null && s.CodeKey.StartsWith(codeKey))
                    || (codeKey != null && s.Adoptions.Any(a => a.CodeKey.StartsWith(codeKey)))
                    || (tsQuery != "" && db.SearchEntries.Any(e => e.Kind == SearchKind.Standard && e.ItemId == s.Id
                        && e.SearchVector.Matches(EF.Functions.ToTsQuery("english", SearchFunctions.Spelling(tsQuery))))));
            }

            beforeStatus = standards;
            if (selection.Statuses.Count > 0)
            {
                var current = CurrentStatus(today);
                var parameter = current.Parameters[0];
                var contains = Expression.Call(
                    typeof(Enumerable), nameof(Enumerable.Contains), [typeof(StandardStatus)], Expression.Constant(selection.Statuses.ToList()), current.Body);
                standards = standards.Where(Expression.Lambda<Func<Standard, bool>>(contains, parameter));
            }

            return standards;
        }

        /// <summary>The counts in SQL: statuses within every filter but status (so their own counts stay visible), the rest within all.</summary>
        private static async Task<StandardFinderIndex.Tally> TallyAsync(IQueryable<Standard> beforeStatus, IQueryable<Standard> standards, DateOnly today, CancellationToken ct)
        {
            var current = CurrentStatus(today);
            var statusCounts = await beforeStatus.GroupBy(current).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
            var total = await standards.CountAsync(ct);
            var levelCounts = await standards.GroupBy(s => s.Level).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
            var yearCounts = await standards.Where(s => s.Year != null).GroupBy(s => s.Year).Select(g => new { g.Key, Count = g.Count() })
                .OrderByDescending(g => g.Key).Take(MaxFacetValues).ToListAsync(ct);
            var sectorCounts = await standards.SelectMany(s => s.Sectors).GroupBy(x => new { x.Id, x.Slug, x.Name })
                .Select(g => new { g.Key.Id, g.Key.Slug, g.Key.Name, Count = g.Count() })
                .OrderByDescending(g => g.Count).ThenBy(g => g.Id).Take(MaxFacetValues).ToListAsync(ct);
            var committeeCounts = await standards.Where(s => s.Committee != null).GroupBy(s => new { s.Committee!.Id, s.Committee.Slug, s.Committee.Name })
                .Select(g => new { g.Key.Id, g.Key.Slug, g.Key.Name, Count = g.Count() })
                .OrderByDescending(g => g.Count).ThenBy(g => g.Id).Take(MaxFacetValues).ToListAsync(ct);
            return new StandardFinderIndex.Tally(
                total,
                [.. statusCounts.Select(s => (s.Key, s.Count))],
                [.. levelCounts.Select(l => (l.Key, l.Count))],
                [.. yearCounts.Select(y => (y.Key!.Value, y.Count))],
                [.. sectorCounts.Select(s => (s.Slug, s.Name, s.Count))],
                [.. committeeCounts.Select(c => (c.Slug, c.Name, c.Count))]);
        }
    }
}
