using System.Globalization;
using System.Linq.Expressions;
using System.Net;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Search;

/// <summary>
/// One search over articles, policies, standards, working groups and organisations: PostgreSQL full-text search with
/// web-search syntax, prefix matching, spelling variants, standard codes in any form, typo tolerance (pg_trgm) when
/// nothing matches exactly, facets with counts, and paging. The HTML page and the JSON API both send this query, so
/// they always agree. Bad input never fails: it is corrected and the result says how.
/// </summary>
public static class SearchPortal
{
    public const int PageSize = 20;
    public const int MaxFacetValues = 30;

    /// <summary>Up to this many matches are ranked by relevance; more are shown newest first (ranking reads every match).</summary>
    public const int RankedLimit = 1000;

    /// <summary>
    /// Matches are counted, and facets computed, over at most this many: a word found in most of a million items would
    /// otherwise cost a scan of all of them on every request. Past it, the total reads "more than".
    /// </summary>
    public const int CountLimit = 5_000;

    /// <summary>
    /// When more than <see cref="CountLimit"/> items match, the first <see cref="WalkedPages"/> pages are read by walking
    /// ix_search_entries_recency newest first and testing each item, which stops after the page. PostgreSQL underestimates
    /// how many items a phrase or several common words match (hundreds instead of tens of thousands), so left to itself it
    /// fetches and rechecks every candidate and sorts them all: 1.2 s instead of 10–40 ms at a million items. With at least
    /// 5,000 matches in a million, a first page costs at most a few thousand tests.
    /// </summary>
    public const string WalkRecencySettings = "SET LOCAL enable_bitmapscan = off; SET LOCAL enable_seqscan = off; SET LOCAL max_parallel_workers_per_gather = 0";

    public const int WalkedPages = 3;

    /// <summary>Snippets are cut from the summary and the start of the body: ts_headline parses all the text it is given.</summary>
    private const int HeadlineTextLength = 3000;

    /// <summary>
    /// Undated items (organisations, some groups) sort last when the newest come first. Npgsql sends it as
    /// <c>-infinity</c>, the value in ix_search_entries_recency's expression.
    /// </summary>
    private static readonly DateOnly NoDate = DateOnly.MinValue;
    private const string HighlightStart = "\u27E6";
    private const string HighlightEnd = "\u27E7";
    private const string HeadlineOptions = "StartSel=\u27E6, StopSel=\u27E7, MaxWords=35, MinWords=15, MaxFragments=2";

    /// <summary>Every parameter is the raw text from the address, so the page and the API report bad input alike.</summary>
    public sealed record Query(
        string? Q,
        IReadOnlyList<string>? Kind = null,
        IReadOnlyList<string>? Sector = null,
        IReadOnlyList<string>? Status = null,
        IReadOnlyList<string>? Authority = null,
        IReadOnlyList<string>? Year = null,
        string? Page = null) : IQuery<Result>;

    public sealed record Result(
        string Query, int Total, int Page, int PageCount, IReadOnlyList<Hit> Hits, Facets Facets, Filters Applied,
        IReadOnlyList<string> Messages, bool Approximate, string? ExactMatchUrl, bool MoreThanTotal = false);

    public sealed record Hit(string Kind, string Title, string? Code, string Url, string SnippetHtml, double Score, string? Date);

    public sealed record Facets(
        IReadOnlyList<FacetValue> Kind, IReadOnlyList<FacetValue> Sector, IReadOnlyList<FacetValue> Authority,
        IReadOnlyList<FacetValue> Status, IReadOnlyList<FacetValue> Year);

    /// <summary>The filters in force after unknown values were dropped.</summary>
    public sealed record Filters(
        IReadOnlyList<string> Kind, IReadOnlyList<string> Sector, IReadOnlyList<string> Status, IReadOnlyList<string> Authority, IReadOnlyList<string> Year)
    {
        public bool Any => Kind.Count + Sector.Count + Status.Count + Authority.Count + Year.Count > 0;
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

    public static string UrlOf(SearchKind kind, string slug) => kind switch
    {
        SearchKind.Article => $"/articles/{slug}",
        SearchKind.Policy => $"/policies/{slug}",
        SearchKind.Standard => $"/standards/{slug}",
        SearchKind.WorkingGroup => $"/working-groups/{slug}",
        _ => $"/organisations/{slug}",
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

    /// <summary>A standard's status on a given day, from its stored status and effective date (see <see cref="StandardLifecycle"/>).</summary>
    public static Expression<Func<SearchEntry, string?>> CurrentStatus(DateOnly today) => e =>
        e.Kind == SearchKind.Standard && e.Status == nameof(StandardStatus.Published) && e.EffectiveOn != null && e.EffectiveOn <= today
            ? nameof(StandardStatus.InForce)
            : e.Kind == SearchKind.Standard && e.Status == nameof(StandardStatus.InForce) && e.EffectiveOn != null && e.EffectiveOn > today
                ? nameof(StandardStatus.Published)
                : e.Status;

    public sealed class Handler(PortalDbContext db, TimeProvider clock, SearchGate gate) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            using var slot = await gate.EnterAsync(ct);
            var input = new QueryInput();
            var messages = input.Messages;
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var syntax = SearchSyntax.Parse(query.Q);
            if (syntax.WasShortened)
            {
                messages.Add($"Your search was longer than {SearchSyntax.MaxLength} characters and was shortened.");
            }

            if (syntax.IsEmpty && !string.IsNullOrWhiteSpace(syntax.Text) && !StandardCode.TryParse(syntax.Text, out _))
            {
                messages.Add("Your search has no words to look for (only punctuation or exclusions), so everything is shown.");
            }

            var filters = await ValidFiltersAsync(query, input, ct);
            var entries = ApplyFilters(db.SearchEntries.AsNoTracking(), filters, today);

            // A standard code, however typed, finds its standard first; an exact code is a direct hit.
            string? codeKey = null;
            var codeIsWhole = false;
            string? exactMatchUrl = null;
            if (StandardCode.TryParse(syntax.Text, out var code))
            {
                codeKey = code.Key;
                codeIsWhole = code.Year is not null || code.Level is StandardLevel.NationalPlan or StandardLevel.AssociationPlan or StandardLevel.International;
                var exact = await db.Standards.AsNoTracking().Where(s => s.CodeKey == codeKey).Select(s => s.Slug).ToListAsync(ct);
                if (exact.Count == 1)
                {
                    exactMatchUrl = UrlOf(SearchKind.Standard, exact[0]);
                }
                else if (exact.Count == 0 && code.Level == StandardLevel.NationalPlan)
                {
                    // A plan number the portal has no record of may be one a published standard was drafted under:
                    // that standard is what the reader is looking for.
                    var became = await db.Standards.AsNoTracking().Where(s => s.PlanCodeKey == codeKey)
                        .OrderBy(s => s.PublishedOn).Select(s => new { s.Slug, s.Code }).ToListAsync(ct);
                    if (became.Count > 0)
                    {
                        exactMatchUrl = UrlOf(SearchKind.Standard, became[0].Slug);
                        messages.Add($"Plan number {code.Canonical} became {became[0].Code ?? "a published standard"}.");
                    }
                }
            }

            IQueryable<SearchEntry> Matching(string tsQuery) => codeKey is null
                ? entries.Where(e => e.SearchVector.Matches(EF.Functions.ToTsQuery("english", SearchFunctions.Spelling(tsQuery))))
                : entries.Where(e => (e.CodeKey != null && e.CodeKey.StartsWith(codeKey))
                    || (tsQuery != "" && e.SearchVector.Matches(EF.Functions.ToTsQuery("english", SearchFunctions.Spelling(tsQuery)))));

            IQueryable<SearchEntry> matches;
            var approximate = false;
            // Whole words first; prefixes ("cyber" for cybersecurity) when whole words find less than a page.
            var usedTsQuery = syntax.ExactTsQuery ?? "";
            matches = syntax.IsEmpty && codeKey is null ? entries : Matching(usedTsQuery);
            // The matches are read once (up to a limit) for the total and every facet.
            var facetRows = await FacetRowsAsync(matches, ct);
            if (facetRows.Count < PageSize && syntax.HasPrefixes)
            {
                var widened = Matching(syntax.TsQuery!);
                var widenedRows = await FacetRowsAsync(widened, ct);
                if (widenedRows.Count > facetRows.Count)
                {
                    (usedTsQuery, matches, facetRows) = (syntax.TsQuery!, widened, widenedRows);
                }
            }

            var total = facetRows.Count;
            var moreThanTotal = total > CountLimit;

            var words = string.Join(' ', syntax.Words);
            if (total == 0 && words.Length >= 3)
            {
                // Typo tolerance: titles whose words are similar to the words typed (pg_trgm, GIN index).
                matches = entries.Where(e => EF.Functions.TrigramsAreWordSimilar(words, e.Title));
                facetRows = await FacetRowsAsync(matches, ct);
                total = facetRows.Count;
                moreThanTotal = total > CountLimit;
                if (total > 0)
                {
                    approximate = true;
                    messages.Add($"Nothing matches “{syntax.Text}” exactly; these items have similar titles.");
                }
            }

            if (moreThanTotal)
            {
                total = CountLimit;
                messages.Add($"More than {CountLimit:N0} items match; the counts beside the filters are for {CountLimit:N0} of them.");
            }

            var pageCount = QueryInput.PageCount(total, PageSize);
            var page = input.Page(query.Page, pageCount, total);
            // Ranking reads every match's whole vector: past a limit, the newest matches come first instead.
            var rankedByRelevance = total <= RankedLimit;
            if (!rankedByRelevance && !syntax.IsEmpty && !approximate)
            {
                messages.Add($"More than {RankedLimit:N0} items match, so the newest come first; add words or filters to rank them by relevance.");
            }

            var walkRecency = moreThanTotal && page <= WalkedPages && !syntax.IsEmpty && !approximate && codeKey is null;
            IReadOnlyList<Hit> hits;
            if (walkRecency)
            {
                await using var walk = await db.Database.BeginTransactionAsync(ct);
                await db.Database.ExecuteSqlRawAsync(WalkRecencySettings, ct);
                hits = await HitsAsync(matches, syntax, usedTsQuery, codeKey, approximate, words, page, rankedByRelevance, ct);
                await walk.CommitAsync(ct);
            }
            else
            {
                hits = await HitsAsync(matches, syntax, usedTsQuery, codeKey, approximate, words, page, rankedByRelevance, ct);
            }

            if (moreThanTotal)
            {
                facetRows.RemoveAt(facetRows.Count - 1);
            }

            var facets = await FacetsAsync(facetRows, filters, today, ct);

            return new Result(
                syntax.Text, total, page, pageCount, hits, facets, filters, messages, approximate,
                codeIsWhole && page == 1 ? exactMatchUrl : null, moreThanTotal);
        }

        private static IQueryable<SearchEntry> ApplyFilters(IQueryable<SearchEntry> entries, Filters filters, DateOnly today)
        {
            if (filters.Kind.Count > 0)
            {
                var kinds = filters.Kind.Select(k => Kinds[k]).ToList();
                entries = entries.Where(e => kinds.Contains(e.Kind));
            }

            if (filters.Sector.Count > 0)
            {
                var sectors = filters.Sector.ToArray();
                entries = entries.Where(e => e.Sectors.Any(s => sectors.Contains(s)));
            }

            if (filters.Authority.Count > 0)
            {
                var authorities = filters.Authority.ToArray();
                entries = entries.Where(e => e.Authorities.Any(a => authorities.Contains(a)));
            }

            if (filters.Year.Count > 0)
            {
                var years = filters.Year.Select(y => (int?)int.Parse(y, CultureInfo.InvariantCulture)).ToList();
                entries = entries.Where(e => years.Contains(e.Year));
            }

            if (filters.Status.Count > 0)
            {
                var statuses = filters.Status.ToList();
                var current = CurrentStatus(today);
                var parameter = current.Parameters[0];
                var contains = Expression.Call(
                    typeof(Enumerable), nameof(Enumerable.Contains), [typeof(string)], Expression.Constant(statuses), current.Body);
                entries = entries.Where(Expression.Lambda<Func<SearchEntry, bool>>(contains, parameter));
            }

            return entries;
        }

        private async Task<Filters> ValidFiltersAsync(Query query, QueryInput input, CancellationToken ct)
        {
            var kinds = QueryInput.Values(query.Kind);
            input.Ignored("kind", kinds.Where(k => !Kinds.ContainsKey(k)));
            kinds = [.. kinds.Where(Kinds.ContainsKey).Select(k => KindSlug(Kinds[k]))];

            var knownSectors = await input.KnownAsync("sector", query.Sector, db.Sectors.Select(s => s.Slug), ct);
            var knownAuthorities = await input.KnownAsync("authority", query.Authority, db.Organisations.Select(o => o.Slug), ct);

            var statuses = QueryInput.Values(query.Status);
            input.Ignored("status", statuses.Where(s => !StatusLabels.ContainsKey(s)));
            statuses = [.. statuses.Where(StatusLabels.ContainsKey).Select(s => StatusLabels.Keys.First(k => k.Equals(s, StringComparison.OrdinalIgnoreCase)))];

            var years = QueryInput.Values(query.Year);
            var validYears = years.Where(y => int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1900 and <= 2200).ToList();
            input.Ignored("year", years.Except(validYears));

            return new Filters(kinds, knownSectors, statuses, knownAuthorities, validYears);
        }

        private static async Task<IReadOnlyList<Hit>> HitsAsync(
            IQueryable<SearchEntry> matches, SearchSyntax syntax, string tsQuery, string? codeKey, bool approximate, string words, int page,
            bool rankedByRelevance, CancellationToken ct)
        {
            var skip = (page - 1) * PageSize;
            var matchedWords = !syntax.IsEmpty && !approximate;
            var ranked = matchedWords && rankedByRelevance;

            IOrderedQueryable<SearchEntry> ordered;
            if (approximate)
            {
                ordered = matches.OrderByDescending(e => EF.Functions.TrigramsWordSimilarity(words, e.Title)).ThenByDescending(e => e.Date);
            }
            else if (codeKey is not null)
            {
                ordered = matches.OrderByDescending(e => e.CodeKey == codeKey).ThenByDescending(e => e.CodeKey != null && e.CodeKey.StartsWith(codeKey))
                    .ThenByDescending(e => tsQuery != "" ? e.SearchVector.RankCoverDensity(EF.Functions.ToTsQuery("english", SearchFunctions.Spelling(tsQuery))) : 0f)
                    .ThenByDescending(e => e.Date);
            }
            else if (ranked)
            {
                ordered = matches.OrderByDescending(e => e.SearchVector.RankCoverDensity(EF.Functions.ToTsQuery("english", SearchFunctions.Spelling(tsQuery))))
                    .ThenBy(e => e.Date == null).ThenByDescending(e => e.Date);
            }
            else if (matchedWords)
            {
                // Too many matches to rank: newest first, in the order of ix_search_entries_recency, so the first page is
                // read from the index instead of sorting every match.
                ordered = matches.OrderByDescending(e => e.Date ?? NoDate).ThenByDescending(e => e.Id);
            }
            else
            {
                ordered = matches.OrderBy(e => e.Date == null).ThenByDescending(e => e.Date).ThenBy(e => e.Title);
            }

#pragma warning disable CA1845 // Translated to SQL (substring), where spans do not exist.
            var rows = await ordered.ThenBy(e => e.Id).Skip(skip).Take(PageSize)
                .Select(e => new
                {
                    e.Kind, e.Slug, e.Title, e.Code, e.Summary, e.Date, e.CodeKey,
                    Score = ranked || (codeKey != null && tsQuery != "")
                        ? e.SearchVector.RankCoverDensity(EF.Functions.ToTsQuery("english", SearchFunctions.Spelling(tsQuery)))
                        : approximate ? (float)EF.Functions.TrigramsWordSimilarity(words, e.Title) : 0f,
                    Headline = matchedWords
                        ? EF.Functions.ToTsQuery("english", SearchFunctions.Spelling(tsQuery)).GetResultHeadline((e.Summary ?? "") + " " + (e.Body ?? "").Substring(0, HeadlineTextLength), HeadlineOptions)
                        : null,
                })
                .ToListAsync(ct);
#pragma warning restore CA1845

            return [.. rows.Select(r => new Hit(
                KindSlug(r.Kind), r.Title, r.Code, UrlOf(r.Kind, r.Slug),
                Snippet(r.Headline ?? Excerpt(r.Summary)),
                Math.Round(r.CodeKey != null && r.CodeKey == codeKey ? 100 + r.Score : r.Score, 4),
                r.Date is { } d ? PartialDate.Format(d) : null))];
        }

        private static string? Excerpt(string? text)
        {
            if (text is null || text.Length <= 240)
            {
                return text;
            }

            var cut = text.LastIndexOf(' ', 239, 60);
            return text[..(cut > 0 ? cut : 240)] + " …";
        }

        /// <summary>HTML-encodes the text, then turns the highlight markers into <c>mark</c> elements.</summary>
        private static string Snippet(string? text) =>
            text is null ? "" : WebUtility.HtmlEncode(text.Trim()).Replace(HighlightStart, "<mark>", StringComparison.Ordinal).Replace(HighlightEnd, "</mark>", StringComparison.Ordinal);

        /// <summary>What the counts and facets need of one match.</summary>
        private sealed record FacetRow(SearchKind Kind, List<string> Sectors, List<string> Authorities, string? Status, DateOnly? EffectiveOn, int? Year);

        /// <summary>
        /// At most <see cref="CountLimit"/> + 1 matches, in no particular order, read once: the total and every facet are
        /// counted from them in memory, instead of one scan of the matches per facet.
        /// </summary>
        private static Task<List<FacetRow>> FacetRowsAsync(IQueryable<SearchEntry> matches, CancellationToken ct) =>
            matches.Take(CountLimit + 1).Select(e => new FacetRow(e.Kind, e.Sectors, e.Authorities, e.Status, e.EffectiveOn, e.Year)).ToListAsync(ct);

        private async Task<Facets> FacetsAsync(List<FacetRow> rows, Filters filters, DateOnly today, CancellationToken ct)
        {
            static List<(TKey Key, int Count)> Count<TKey>(IEnumerable<TKey> values) where TKey : notnull =>
                [.. values.GroupBy(v => v).Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2).ThenBy(g => g.Key).Take(MaxFacetValues)];

            var current = CurrentStatus(today).Compile();
            var kinds = Count(rows.Select(r => r.Kind));
            var sectors = Count(rows.SelectMany(r => r.Sectors));
            var authorities = Count(rows.SelectMany(r => r.Authorities));
            var statuses = Count(rows.Where(r => r.Status != null)
                .Select(r => current(new SearchEntry { Kind = r.Kind, Status = r.Status, EffectiveOn = r.EffectiveOn, Slug = "", Title = "" }) ?? ""));
            var years = rows.Where(r => r.Year != null).GroupBy(r => r.Year!.Value).Select(g => (Key: g.Key, Count: g.Count()))
                .OrderByDescending(g => g.Key).Take(MaxFacetValues).ToList();

            var sectorSlugs = sectors.Select(s => s.Key).ToList();
            var sectorNames = await db.Sectors.Where(s => sectorSlugs.Contains(s.Slug)).ToDictionaryAsync(s => s.Slug, s => s.Name, ct);
            var authoritySlugs = authorities.Select(a => a.Key).ToList();
            var authorityNames = await db.Organisations.Where(o => authoritySlugs.Contains(o.Slug))
                .ToDictionaryAsync(o => o.Slug, o => o.Abbreviation ?? o.Name, ct);

            return new Facets(
                [.. kinds.Select(k => new FacetValue(KindSlug(k.Key), KindLabel(k.Key), k.Count, filters.Kind.Contains(KindSlug(k.Key))))],
                [.. sectors.Select(s => new FacetValue(s.Key, sectorNames.GetValueOrDefault(s.Key, s.Key), s.Count, filters.Sector.Contains(s.Key)))],
                [.. authorities.Select(a => new FacetValue(a.Key, authorityNames.GetValueOrDefault(a.Key, a.Key), a.Count, filters.Authority.Contains(a.Key)))],
                [.. statuses.Where(s => s.Key.Length > 0)
                    .Select(s => new FacetValue(s.Key, StatusLabels.GetValueOrDefault(s.Key, s.Key), s.Count, filters.Status.Contains(s.Key)))],
                [.. years.Select(y => y.Key.ToString(CultureInfo.InvariantCulture)).Zip(years, (v, y) => new FacetValue(v, v, y.Count, filters.Year.Contains(v)))]);
        }
    }
}
