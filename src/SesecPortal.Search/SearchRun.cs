using Lucene.Net.Index;
using Lucene.Net.Search;

namespace SesecPortal.Search;

/// <summary>One search: whole words, then prefixes if too few, then typos if none.</summary>
internal sealed partial class SearchRun(IndexSearcher searcher, SearchRequest request, SearchIndexOptions options)
{
    private readonly SearchSyntax syntax = request.Syntax ?? SearchSyntax.Empty;
    private readonly string? codeKey = string.IsNullOrWhiteSpace(request.CodeKey) ? null : request.CodeKey;
    private readonly int pageSize = Math.Clamp(request.PageSize, 1, 1000);
    private readonly int page = Math.Max(1, request.Page);
    private Filter? filter;
    private Filter? window;
    private IReadOnlySet<string>? acceptedStatuses;

    private bool HasWords => !syntax.IsEmpty;

    private SearchSort Sort => request.Sort == SearchSort.Default ? (HasWords || codeKey is not null ? SearchSort.Relevance : SearchSort.Newest) : request.Sort;

    public SearchResults Run()
    {
        filter = Filters(out acceptedStatuses);
        // With a window, what the words match is decided by counts without it, and the results are then narrowed.
        window = Window();
        var (chosen, result, widened, approximate) = Choose();
        var outcome = window is null ? result! : Execute(chosen?.Filtered(window), Sort, page, pageSize, acceptedStatuses);
        return new SearchResults
        {
            Total = outcome.Total,
            Hits = Hits(outcome.Docs, HasWords && !approximate ? QueryBuilder.Highlights(syntax, widened) : ([], [])),
            Facets = outcome.Facets,
            Approximate = approximate,
            Widened = widened,
        };
    }

    /// <summary>Whole words; prefixes too when they find fewer than <see cref="SearchRequest.WidenBelow"/>; typos when nothing.</summary>
    private (Candidate? Chosen, Outcome? Result, bool Widened, bool Approximate) Choose()
    {
        var chosen = Compose(null, HasWords ? QueryBuilder.Plan(syntax, widen: false) : null);
        var result = window is not null && !HasWords ? null : Decide(chosen);
        if (!HasWords)
        {
            return (chosen, result, false, false);
        }

        if (result!.Total < (request.WidenBelow ?? pageSize) && syntax.CanWiden)
        {
            var widerQuery = Compose(null, QueryBuilder.Plan(syntax, widen: true));
            var wider = Decide(widerQuery);
            if (wider.Total > result.Total)
            {
                return (widerQuery, wider, true, false);
            }
        }

        if (result.Total == 0 && codeKey is null)
        {
            foreach (var all in new[] { true, false })
            {
                if (QueryBuilder.Fuzzy(syntax, all) is { } fuzzy)
                {
                    var typoQuery = Compose(fuzzy.Query, fuzzy.Plan);
                    var typo = Decide(typoQuery);
                    if (typo.Total > 0)
                    {
                        return (typoQuery, typo, false, true);
                    }
                }

                if (syntax.Words.Count < 2)
                {
                    break;
                }
            }
        }

        return (chosen, result, false, false);
    }

    /// <summary>Counts without the window when there is one (what the words match is decided on them), the page otherwise.</summary>
    private Outcome Decide(Candidate? query) => window is null
        ? Execute(query, Sort, page, pageSize, acceptedStatuses)
        : Execute(query, SearchSort.Relevance, 1, 1, acceptedStatuses, countFacets: false);

    /// <summary>A candidate: the query Lucene scores, and what it is made of when the bitmap execution can run it.</summary>
    private Candidate? Compose(Query? text, QueryBuilder.TextPlan? plan)
    {
        Candidate main;
        text ??= plan?.ToQuery();
        if (codeKey is not null)
        {
            var either = new BooleanQuery(disableCoord: true) { { QueryBuilder.Code(codeKey), Occur.SHOULD } };
            if (text is not null)
            {
                either.Add(text, Occur.SHOULD);
            }

            main = new Candidate(either, null);
        }
        else if (HasWords)
        {
            if (text is null)
            {
                // Words, but none with a term to look for (only stop words): nothing matches.
                return null;
            }

            main = new Candidate(text, plan is null ? null : new MatchPlan(plan.Required, plan.Excluded, []));
        }
        else
        {
            var all = new BooleanQuery(disableCoord: true) { { new MatchAllDocsQuery(), Occur.MUST } };
            QueryBuilder.AddExclusions(all, syntax);
            main = new Candidate(all, new MatchPlan([], QueryBuilder.Exclusions(syntax), []));
        }

        return filter is null ? main : main.Filtered(filter);
    }

    /// <summary>The page's hits from their stored fields, each with its snippet.</summary>
    private List<SearchHit> Hits(ScoreDoc[] docs, (HashSet<string> Terms, List<string> Prefixes) marked)
    {
        var hits = new List<SearchHit>(docs.Length);
        foreach (var scoreDoc in docs)
        {
            var stored = searcher.Doc(scoreDoc.Doc, SearchIndex.HitFields);
            var dateNumber = stored.GetField(Fields.Date)?.GetInt32Value();
            var changedTicks = stored.GetField(Fields.Changed)?.GetInt64Value();
            hits.Add(new SearchHit(
                stored.Get(Fields.Kind),
                stored.GetField(Fields.Id)?.GetInt32Value() ?? 0,
                stored.Get(Fields.Slug),
                stored.Get(Fields.Title),
                stored.Get(Fields.Code),
                dateNumber is { } n ? DateOnly.FromDayNumber(n) : null,
                float.IsNaN(scoreDoc.Score) ? 0f : scoreDoc.Score,
                Snippets.Make(stored.Get(Fields.Summary), stored.Get(Fields.BodyStored), marked.Terms, marked.Prefixes))
            {
                TitleZh = stored.Get(Fields.TitleZh),
                ChangedAt = changedTicks is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null,
            });
        }

        return hits;
    }

    private sealed record Outcome(int Total, ScoreDoc[] Docs, IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets);

    private Outcome Execute(Candidate? query, SearchSort sort, int page, int pageSize, IReadOnlySet<string>? acceptedStatuses, bool countFacets = true)
    {
        var facetNames = countFacets ? request.CountFacets.Where(f => f != "status").Distinct(StringComparer.Ordinal).ToList() : [];
        var countStatus = countFacets && request.CountFacets.Contains("status");
        if (query is null)
        {
            return new Outcome(0, [], EmptyFacets(facetNames, countStatus));
        }

        var wanted = (long)page * pageSize;
        var topN = (int)Math.Clamp(wanted, 1, Math.Max(1, options.MaxRank));
        var weights = sort == SearchSort.Relevance ? options.StatusWeights : null;
        FacetingCollector Counting(ICollector inner) => new(inner, facetNames, countStatus, acceptedStatuses, request.Today, options.CurrentStatus,
            weights, request.StatusCountsIgnoreStatusFilter);

        FacetingCollector collector;
        ScoreDoc[] ranked;
        var cache = options.ClauseCacheMB > 0 ? BitmapExecution.CacheFor(searcher, query, sort) : null;
        if (cache is not null && sort == SearchSort.Relevance)
        {
            // Counted from bitmaps; only the blocks that can hold the top hits are scored.
            // With a status filter, the ranking takes the documents the collector let through; otherwise every match.
            var accepted = acceptedStatuses is null ? null : new AcceptedDocs(searcher.IndexReader.Leaves.Count);
            collector = Counting(accepted ?? (ICollector)IgnoredDocs.Instance);
            var matched = BitmapExecution.Collect(searcher, cache, query.Plan!, collector, counting: collector, accepted);
            ranked = BlockMaxRanker.Top(searcher, cache, query, accepted?.Words ?? matched, topN, new StatusWeighting(weights, request.Today, options.CurrentStatus));
        }
        else
        {
            var top = TopCollector(sort, topN);
            collector = Counting((ICollector)top);
            if (cache is not null)
            {
                BitmapExecution.Collect(searcher, cache, query.Plan!, collector);
            }
            else
            {
                searcher.Search(query.Query, collector);
            }

            ranked = top.GetTopDocs(0, topN).ScoreDocs;
        }

        var (facetCounts, statusCounts) = collector.Finish();
        var skip = (page - 1) * pageSize;
        var docs = wanted > topN ? [] : ranked.Skip(skip).Take(pageSize).ToArray();

        var facets = new Dictionary<string, IReadOnlyList<FacetCount>>(StringComparer.Ordinal);
        for (var i = 0; i < facetNames.Count; i++)
        {
            facets[facetNames[i]] = Ordered(facetNames[i], facetCounts[i]);
        }

        if (countStatus)
        {
            facets["status"] = Ordered("status", statusCounts);
        }

        return new Outcome(collector.Total, docs, facets);
    }

    private static ITopDocsCollector TopCollector(SearchSort sort, int topN) => sort switch
    {
        SearchSort.Relevance => TopScoreDocCollector.Create(topN, docsScoredInOrder: false),
        SearchSort.Newest => ByField(topN, new SortField(Fields.Date, SortFieldType.INT64, reverse: true), CodeSortField(), new SortField(Fields.TitleSort, SortFieldType.STRING)),
        SearchSort.Oldest => ByField(topN, new SortField(Fields.Date, SortFieldType.INT64)),
        SearchSort.Changed => ByField(topN, new SortField(Fields.Changed, SortFieldType.INT64, reverse: true), new SortField(Fields.Date, SortFieldType.INT64, reverse: true),
            new SortField(Fields.KeySort, SortFieldType.STRING, reverse: true)),
        SearchSort.Code => ByField(topN, CodeSortField(), new SortField(Fields.TitleSort, SortFieldType.STRING)),
        _ => ByField(topN, new SortField(Fields.TitleSort, SortFieldType.STRING)),
    };

    private static TopFieldCollector ByField(int topN, params SortField[] fields) =>
        TopFieldCollector.Create(new Sort(fields), topN, fillFields: false, trackDocScores: false, trackMaxScore: false, docsScoredInOrder: false);

    private static SortField CodeSortField()
    {
        var field = new SortField(Fields.CodeSort, SortFieldType.STRING);
        field.SetMissingValue(SortField.STRING_LAST);
        return field;
    }

    private static Dictionary<string, IReadOnlyList<FacetCount>> EmptyFacets(List<string> names, bool countStatus)
    {
        var facets = names.ToDictionary(n => n, _ => (IReadOnlyList<FacetCount>)[], StringComparer.Ordinal);
        if (countStatus)
        {
            facets["status"] = [];
        }

        return facets;
    }

    private List<FacetCount> Ordered(string name, Dictionary<string, int> counts)
    {
        var max = Math.Max(0, request.MaxFacetValues);
        IEnumerable<KeyValuePair<string, int>> ordered = name == "year"
            ? counts.OrderByDescending(c => c.Key, StringComparer.Ordinal)
            : counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal);
        return [.. ordered.Take(max).Select(c => new FacetCount(c.Key, c.Value))];
    }
}
