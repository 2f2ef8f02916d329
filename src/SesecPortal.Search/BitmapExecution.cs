using System.Numerics;
using Lucene.Net.Search;

namespace SesecPortal.Search;

/// <summary>
/// Runs a <see cref="MatchPlan"/> on the searcher's <see cref="ClauseCache"/>: each segment's matches are the AND of the
/// parts' and filters' bitmaps less the exclusions', and every match is handed, in document order, to the collector that
/// counts totals and facets (and, for sorts by a field, keeps the top hits). Nothing is scored here.
/// </summary>
internal static class BitmapExecution
{
    private static readonly Query AllDocuments = new MatchAllDocsQuery();

    /// <summary>The cache to run <paramref name="candidate"/> on, or null when it must run on Lucene's scorer.</summary>
    public static ClauseCache? CacheFor(IndexSearcher searcher, Candidate candidate, SearchSort sort) =>
        searcher is PortalSearcher { Clauses: { } cache } && candidate.Plan is { } plan && (sort != SearchSort.Relevance || plan.Parts.Count > 0)
            ? cache
            : null;

    /// <summary>
    /// Hands every match to <paramref name="collector"/>, segment by segment; returns each segment's matches. With
    /// <paramref name="counting"/> (the collector itself, when nothing after it needs the matches one by one), a segment
    /// with many matches is counted from bitmaps instead, and what its status filter lets through goes into
    /// <paramref name="accepted"/>.
    /// </summary>
    public static long[][] Collect(IndexSearcher searcher, ClauseCache cache, MatchPlan plan, ICollector collector,
        FacetingCollector? counting = null, AcceptedDocs? accepted = null)
    {
        var required = plan.Parts.Count == 0
            ? [cache.Matches(searcher, AllDocuments)]
            : plan.Parts.Select(part => cache.Matches(searcher, part.Match)).ToList();
        required.AddRange(plan.Filters.Select(filter => cache.Matches(searcher, filter)));
        required.AddRange(plan.Transient.Select(filter => ClauseCache.ComputeMatches(searcher, filter)));
        var excluded = plan.Excluded.Select(query => cache.Matches(searcher, query)).ToList();

        var leaves = searcher.IndexReader.Leaves;
        var result = new long[leaves.Count][];
        var noScorer = new NoScorer();
        for (var i = 0; i < leaves.Count; i++)
        {
            var words = Intersect(required, excluded, i);
            result[i] = words;
            collector.SetNextReader(leaves[i]);
            collector.SetScorer(noScorer);
            if (counting is not null && counting.PrefersBitmaps(words.Sum(w => (long)BitOperations.PopCount((ulong)w)), words.Length))
            {
                var passed = counting.CountBitmaps(words);
                if (accepted is not null)
                {
                    accepted.Words[i] = passed;
                }

                continue;
            }

            for (var w = 0; w < words.Length; w++)
            {
                var bits = words[w];
                while (bits != 0)
                {
                    collector.Collect((w << 6) | BitOperations.TrailingZeroCount(bits));
                    bits &= bits - 1;
                }
            }
        }

        return result;
    }

    private static long[] Intersect(List<long[][]> required, List<long[][]> excluded, int leaf)
    {
        var words = (long[])required[0][leaf].Clone();
        for (var r = 1; r < required.Count; r++)
        {
            var other = required[r][leaf];
            for (var w = 0; w < words.Length; w++)
            {
                words[w] &= other[w];
            }
        }

        foreach (var exclusion in excluded)
        {
            var other = exclusion[leaf];
            for (var w = 0; w < words.Length; w++)
            {
                words[w] &= ~other[w];
            }
        }

        return words;
    }
}

/// <summary>An <see cref="IndexSearcher"/> with what it has learnt of the clauses it ran (null when the cache is off).</summary>
internal sealed class PortalSearcher(Lucene.Net.Index.IndexReader reader, ClauseCache? clauses) : IndexSearcher(reader)
{
    public ClauseCache? Clauses { get; } = clauses;
}
