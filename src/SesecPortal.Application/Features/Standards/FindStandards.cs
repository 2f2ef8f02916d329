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

    public sealed class Handler(PortalDbContext db, TimeProvider clock) : IQueryHandler<Query, Result>
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

            var standards = db.Standards.AsNoTracking();
            if (knownSectors.Count > 0)
            {
                standards = standards.Where(s => s.Sectors.Any(x => knownSectors.Contains(x.Slug)));
            }

            if (levels.Count > 0)
            {
                var levelValues = levels.Select(l => (StandardLevel?)Levels[l]).ToList();
                standards = standards.Where(s => levelValues.Contains(s.Level));
            }

            var validYears = yearValues.OfType<int>().Select(y => (int?)y).ToList();
            if (validYears.Count > 0)
            {
                standards = standards.Where(s => validYears.Contains(s.Year));
            }

            if (knownCommittees.Count > 0)
            {
                standards = standards.Where(s => s.Committee != null && knownCommittees.Contains(s.Committee.Slug));
            }

            var tsQuery = syntax.TsQuery ?? "";
            string? codeKey = StandardCode.TryParse(syntax.Text, out var code) ? code.Key : null;
            if (!syntax.IsEmpty || codeKey is not null)
            {
                standards = standards.Where(s => (codeKey != null && s.CodeKey != null && s.CodeKey.StartsWith(codeKey))
                    || (tsQuery != "" && db.SearchEntries.Any(e => e.Kind == SearchKind.Standard && e.ItemId == s.Id
                        && e.SearchVector.Matches(EF.Functions.ToTsQuery("english", SearchFunctions.Spelling(tsQuery))))));
            }

            // Facets count within every other filter; the status filter applies last so its own counts stay visible.
            var current = CurrentStatus(today);
            var statusCounts = await standards.GroupBy(current).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
            if (statusValues.Count > 0)
            {
                var parameter = current.Parameters[0];
                var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(StandardStatus)], Expression.Constant(statusValues), current.Body);
                standards = standards.Where(Expression.Lambda<Func<Standard, bool>>(contains, parameter));
            }

            var total = await standards.CountAsync(ct);
            var pageCount = QueryInput.PageCount(total, PageSize);
            var page = input.Page(query.Page, pageCount, total);

            IOrderedQueryable<Standard> ordered = sort switch
            {
                "date" => standards.OrderBy(s => (s.PublishedOn ?? s.EffectiveOn ?? s.DraftedOn) == null).ThenByDescending(s => s.PublishedOn ?? s.EffectiveOn ?? s.DraftedOn)
                    .ThenByDescending(s => s.Year).ThenBy(s => s.NormalizedCode),
                "relevance" => standards
                    .OrderByDescending(s => codeKey != null && s.CodeKey == codeKey)
                    .ThenByDescending(s => db.SearchEntries.Where(e => e.Kind == SearchKind.Standard && e.ItemId == s.Id)
                        .Select(e => e.SearchVector.RankCoverDensity(EF.Functions.ToTsQuery("english", SearchFunctions.Spelling(tsQuery)))).FirstOrDefault())
                    .ThenBy(s => s.NormalizedCode),
                _ => standards.OrderBy(s => s.NormalizedCode == null).ThenBy(s => s.NormalizedCode).ThenBy(s => s.TitleEn),
            };

            var rows = await ordered.ThenBy(s => s.Id).Skip((page - 1) * PageSize).Take(PageSize)
                .Select(s => new
                {
                    s.Slug, s.Code, s.TitleEn, s.Level, s.Status, s.EffectiveOn, s.WithdrawnOn, s.PublishedOn, s.AdoptedCode, s.AdoptionDegree,
                    SupersededOn = s.ReplacedBy == null ? null : s.ReplacedBy.EffectiveOn ?? s.ReplacedBy.PublishedOn,
                    SupersededBy = s.ReplacedBy == null ? null : s.ReplacedBy.Code,
                    Committee = s.Committee == null ? null : new Link(s.Committee.Slug, s.Committee.Name, s.Committee.Code),
                    Sectors = s.Sectors.OrderBy(x => x.Position).Select(x => new Link(x.Slug, x.Name, null)).ToList(),
                })
                .ToListAsync(ct);

            var levelCounts = await standards.GroupBy(s => s.Level).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
            var yearCounts = await standards.Where(s => s.Year != null).GroupBy(s => s.Year).Select(g => new { g.Key, Count = g.Count() })
                .OrderByDescending(g => g.Key).Take(30).ToListAsync(ct);
            var sectorCounts = await standards.SelectMany(s => s.Sectors).GroupBy(x => new { x.Slug, x.Name }).Select(g => new { g.Key.Slug, g.Key.Name, Count = g.Count() })
                .OrderByDescending(g => g.Count).Take(30).ToListAsync(ct);
            var committeeCounts = await standards.Where(s => s.Committee != null).GroupBy(s => new { s.Committee!.Slug, s.Committee.Name })
                .Select(g => new { g.Key.Slug, g.Key.Name, Count = g.Count() }).OrderByDescending(g => g.Count).Take(30).ToListAsync(ct);

            static string? Format(DateOnly? d) => d is { } v ? PartialDate.Format(v) : null;
            var levelSlugs = Levels.ToDictionary(kv => kv.Value, kv => kv.Key);
            return new Result(
                syntax.Text, sort, total, page, pageCount,
                [.. rows.Select(r => new Row(r.Slug, r.Code, r.TitleEn, r.Level is { } l ? Labels.Of(l) : null,
                    StandardLifecycle.Describe(r.Status, r.EffectiveOn, r.WithdrawnOn, r.SupersededOn, r.SupersededBy, today), Format(r.PublishedOn), Format(r.EffectiveOn), r.Committee, r.Sectors)
                {
                    Adoption = Adoption.Describe(r.Code, r.AdoptedCode, r.AdoptionDegree),
                })],
                [.. sectorCounts.Select(s => new FacetValue(s.Slug, s.Name, s.Count, knownSectors.Contains(s.Slug)))],
                [.. levelCounts.Where(l => l.Key is not null).OrderByDescending(l => l.Count)
                    .Select(l => new FacetValue(levelSlugs[l.Key!.Value], Labels.Of(l.Key.Value), l.Count, levels.Contains(levelSlugs[l.Key.Value])))],
                [.. statusCounts.OrderByDescending(s => s.Count).Select(s => new FacetValue(s.Key.ToString(), Labels.Of(s.Key), s.Count, statusValues.Contains(s.Key)))],
                [.. yearCounts.Select(y => new FacetValue(y.Key!.Value.ToString(CultureInfo.InvariantCulture), y.Key.Value.ToString(CultureInfo.InvariantCulture), y.Count, validYears.Contains(y.Key)))],
                [.. committeeCounts.Select(c => new FacetValue(c.Slug, c.Name, c.Count, knownCommittees.Contains(c.Slug)))],
                messages);
        }
    }
}
