using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace SesecPortal.Search;

/// <summary>
/// What one searcher has learnt about the query clauses it has run: for each clause, the documents it matches as one
/// bitmap a segment (64 documents a word, deleted documents left out), and for a scored clause the highest score it
/// gives in each block of 64 documents. Totals and facets then come from AND-ing bitmaps, and the scorer runs only in the
/// few blocks whose bound can still reach the top hits (<see cref="BlockMaxRanker"/>). Scores depend on the whole index's
/// statistics, so the cache belongs to one searcher (one point in time) and goes with it. Bounded in bytes: past the
/// bound, the clauses used longest ago are dropped.
/// </summary>
internal sealed class ClauseCache(long capacityBytes)
{
    private readonly ConcurrentDictionary<Query, Entry<long[][]>> matches = new();
    private readonly ConcurrentDictionary<Query, Entry<float[][]>> bounds = new();
    private readonly ConcurrentDictionary<Query, Query> rewritten = new();
    private readonly Lock evicting = new();
    private const int MaxRewritten = 10_000;
    private long bytes;
    private long clock;

    /// <summary>Bytes held now (bitmaps and bounds).</summary>
    public long Bytes => Interlocked.Read(ref bytes);

    /// <summary>The documents <paramref name="query"/> matches, one array of 64-bit words a segment (in leaf order).</summary>
    public long[][] Matches(IndexSearcher searcher, Query query) =>
        Get(matches, query, () => ComputeMatches(searcher, query), words => words.Sum(w => (long)w.Length * sizeof(long)));

    /// <summary>
    /// The highest score <paramref name="part"/> gives a document in each block of 64 (one array a segment): its match
    /// and its scoring clauses together, as the whole query adds them up.
    /// </summary>
    public float[][] Bounds(IndexSearcher searcher, QueryBuilder.Part part)
    {
        var scored = part.BoundQuery();
        return Get(bounds, scored, () => ComputeBounds(searcher, scored), b => b.Sum(w => (long)w.Length * sizeof(float)));
    }

    /// <summary>
    /// The query as this searcher rewrites it (a typo's or a prefix's terms found once, not at each search). Small, and
    /// bounded with the rest: dropped whole when the cache evicts.
    /// </summary>
    public Query Rewritten(IndexSearcher searcher, Query query)
    {
        if (rewritten.Count > MaxRewritten)
        {
            rewritten.Clear();
        }

        return rewritten.GetOrAdd(query, searcher.Rewrite);
    }

    private T Get<T>(ConcurrentDictionary<Query, Entry<T>> map, Query key, Func<T> compute, Func<T, long> size)
        where T : class
    {
        var tick = Interlocked.Increment(ref clock);
        if (map.TryGetValue(key, out var found))
        {
            found.LastUsed = tick;
            return found.Value.Value;
        }

        var entry = map.GetOrAdd(key, _ => new Entry<T>(new Lazy<T>(compute, LazyThreadSafetyMode.ExecutionAndPublication)) { LastUsed = tick });
        var value = entry.Value.Value;
        if (Interlocked.CompareExchange(ref entry.Counted, 1, 0) == 0)
        {
            entry.Bytes = size(value);
            if (Interlocked.Add(ref bytes, entry.Bytes) > capacityBytes)
            {
                Evict();
            }
        }

        return value;
    }

    /// <summary>Drops the entries used longest ago until the cache holds at most three quarters of its bound.</summary>
    private void Evict()
    {
        lock (evicting)
        {
            rewritten.Clear();
            var all = matches.Select(e => (Map: (object)matches, e.Key, e.Value.LastUsed, e.Value.Bytes))
                .Concat(bounds.Select(e => (Map: (object)bounds, e.Key, e.Value.LastUsed, e.Value.Bytes)))
                .OrderBy(e => e.LastUsed)
                .ToList();
            foreach (var (map, key, _, size) in all)
            {
                if (Interlocked.Read(ref bytes) <= capacityBytes * 3 / 4)
                {
                    return;
                }

                var removed = map == matches ? matches.TryRemove(key, out _) : bounds.TryRemove(key, out _);
                if (removed)
                {
                    Interlocked.Add(ref bytes, -size);
                }
            }
        }
    }

    /// <summary>The documents <paramref name="query"/> matches, computed now and not kept.</summary>
    public static long[][] ComputeMatches(IndexSearcher searcher, Query query)
    {
        var weight = searcher.CreateNormalizedWeight(query);
        var leaves = searcher.IndexReader.Leaves;
        var result = new long[leaves.Count][];
        for (var i = 0; i < leaves.Count; i++)
        {
            var context = leaves[i];
            var words = new long[WordCount(context.AtomicReader.MaxDoc)];
            var scorer = weight.GetScorer(context, context.AtomicReader.LiveDocs);
            if (scorer is not null)
            {
                int doc;
                while ((doc = scorer.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
                {
                    words[doc >> 6] |= 1L << doc;
                }
            }

            result[i] = words;
        }

        return result;
    }

    private static float[][] ComputeBounds(IndexSearcher searcher, Query scored)
    {
        var weight = searcher.CreateNormalizedWeight(scored);
        var leaves = searcher.IndexReader.Leaves;
        var result = new float[leaves.Count][];
        for (var i = 0; i < leaves.Count; i++)
        {
            var context = leaves[i];
            var blocks = new float[WordCount(context.AtomicReader.MaxDoc)];
            var scorer = weight.GetScorer(context, context.AtomicReader.LiveDocs);
            if (scorer is not null)
            {
                int doc;
                while ((doc = scorer.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
                {
                    var score = scorer.GetScore();
                    ref var block = ref blocks[doc >> 6];
                    if (score > block)
                    {
                        block = score;
                    }
                }
            }

            result[i] = blocks;
        }

        return result;
    }

    public static int WordCount(int maxDoc) => (maxDoc + 63) >> 6;

    private sealed class Entry<T>(Lazy<T> value)
    {
        public Lazy<T> Value { get; } = value;

        public long LastUsed;

        public long Bytes;

        public int Counted;
    }
}
