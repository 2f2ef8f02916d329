using System.Numerics;
using Lucene.Net.Search;

namespace SesecPortal.Search;

/// <summary>
/// The top hits by relevance without scoring every match. A block of 64 documents can score at most the sum of its parts'
/// highest scores there (<see cref="ClauseCache.Bounds"/>) times the highest status weight of its segment. Blocks are taken
/// by that bound, best first, until they hold enough matches to fill the page; their matches are scored exactly, by
/// Lucene's scorer for the whole query, which sets the score to beat; then only the blocks whose bound can still reach it
/// are scored (usually a few dozen of thousands). Scores and order are exactly those of scoring every match: the same
/// scorer, ties to the lower document, as Lucene's top-score collector.
/// </summary>
internal static class BlockMaxRanker
{
    /// <summary>Room for the rounding of a sum of floats added in another order.</summary>
    private const float Margin = 1.0001f;

    /// <summary>Blocks scored first, best bounds first, to set the score to beat.</summary>
    private const int FirstBlocks = 128;

    /// <summary>The best <paramref name="topN"/> of the <paramref name="accepted"/> documents, best first.</summary>
    public static ScoreDoc[] Top(IndexSearcher searcher, ClauseCache cache, Candidate candidate, long[][] accepted, int topN, StatusWeighting weighting)
    {
        var leaves = searcher.IndexReader.Leaves;
        var partBounds = candidate.Plan!.Parts.Select(part => cache.Bounds(searcher, part)).ToList();
        var weights = new float[]?[leaves.Count];
        var (blocks, bounds) = Blocks(leaves, partBounds, accepted, weighting, weights);

        var heap = new TopHeap(topN);
        if (blocks.Length == 0)
        {
            return [];
        }

        var weight = searcher.CreateNormalizedWeight(cache.Rewritten(searcher, candidate.Query));

        // First the blocks with the best bounds (enough to hold the hits asked for, and a few more): their scores set the
        // score to beat.
        var first = BestBlocks(blocks, bounds, accepted, topN);
        Score(weight, leaves, accepted, weights, [.. first.Select(i => blocks[i])], [.. first.Select(i => bounds[i])], heap);
        foreach (var i in first)
        {
            bounds[i] = float.NaN; // scored: no comparison takes it again
        }

        // Then, in document order, every other block whose bound can still reach it; the score to beat rises as they go.
        var rest = Enumerable.Range(0, blocks.Length).Where(i => bounds[i] * Margin >= heap.Threshold).ToList();
        Score(weight, leaves, accepted, weights, [.. rest.Select(i => blocks[i])], [.. rest.Select(i => bounds[i])], heap);
        return heap.Sorted();
    }

    /// <summary>
    /// The blocks with the highest bounds, best first: at least <see cref="FirstBlocks"/>, and as many as it takes to hold
    /// <paramref name="topN"/> documents; chosen without sorting them all.
    /// </summary>
    private static List<int> BestBlocks(long[] blocks, float[] bounds, long[][] accepted, int topN)
    {
        var size = Math.Max(topN, FirstBlocks);
        var best = new PriorityQueue<int, float>(size + 1);
        for (var i = 0; i < blocks.Length; i++)
        {
            if (best.Count < size)
            {
                best.Enqueue(i, bounds[i]);
            }
            else if (best.TryPeek(out _, out var lowest) && bounds[i] > lowest)
            {
                best.DequeueEnqueue(i, bounds[i]);
            }
        }

        var ordered = new List<int>(best.Count);
        while (best.TryDequeue(out var i, out _))
        {
            ordered.Add(i);
        }

        ordered.Reverse();
        var taken = 0;
        var count = 0;
        while (count < ordered.Count && (taken < topN || count < FirstBlocks))
        {
            taken += BitOperations.PopCount((ulong)Words(accepted, blocks[ordered[count++]]));
        }

        return ordered[..count];
    }

    /// <summary>Every block holding an accepted document, (segment, word) packed in a long, and its bound.</summary>
    private static (long[] Blocks, float[] Bounds) Blocks(
        IList<Lucene.Net.Index.AtomicReaderContext> leaves, List<float[][]> partBounds, long[][] accepted, StatusWeighting weighting, float[]?[] weights)
    {
        var blocks = new List<long>();
        var keys = new List<float>();
        for (var i = 0; i < leaves.Count; i++)
        {
            weights[i] = weighting.For(leaves[i].AtomicReader);
            var maxWeight = weights[i] is { Length: > 0 } w ? Math.Max(1f, w.Max()) : 1f;
            var words = accepted[i];
            for (var word = 0; word < words.Length; word++)
            {
                if (words[word] == 0)
                {
                    continue;
                }

                var bound = 0f;
                foreach (var part in partBounds)
                {
                    bound += part[i][word];
                }

                blocks.Add(((long)i << 32) | (uint)word);
                keys.Add(bound * maxWeight);
            }
        }

        return (blocks.ToArray(), keys.ToArray());
    }

    /// <summary>Scores the accepted documents of the blocks (in document order, one scorer a segment), skipping a block once its bound cannot reach the heap.</summary>
    private static void Score(Weight weight, IList<Lucene.Net.Index.AtomicReaderContext> leaves, long[][] accepted, float[]?[] weights,
        long[] blocks, float[] bounds, TopHeap heap)
    {
        Array.Sort(blocks, bounds);
        var b = 0;
        while (b < blocks.Length)
        {
            var leaf = (int)(blocks[b] >> 32);
            var context = leaves[leaf];
            var scorer = weight.GetScorer(context, context.AtomicReader.LiveDocs);
            var combos = SegmentData.For(context.AtomicReader).StatusCombo;
            var leafWeights = weights[leaf];
            for (; b < blocks.Length && (int)(blocks[b] >> 32) == leaf; b++)
            {
                if (scorer is null || bounds[b] * Margin < heap.Threshold)
                {
                    continue;
                }

                var word = (int)blocks[b];
                var bits = accepted[leaf][word];
                while (bits != 0)
                {
                    var doc = (word << 6) | BitOperations.TrailingZeroCount(bits);
                    bits &= bits - 1;
                    if (scorer.DocID < doc && scorer.Advance(doc) == DocIdSetIterator.NO_MORE_DOCS)
                    {
                        scorer = null;
                        break;
                    }

                    if (scorer.DocID != doc)
                    {
                        continue;
                    }

                    var score = scorer.GetScore();
                    if (leafWeights is not null && combos[doc] is var combo and >= 0)
                    {
                        score *= leafWeights[combo];
                    }

                    heap.Offer(score, context.DocBase + doc);
                }
            }
        }
    }

    private static long Words(long[][] accepted, long block) => accepted[(int)(block >> 32)][(int)block];

    /// <summary>The best N (score, document) so far; worse means a lower score, or the same score and a higher document.</summary>
    private sealed class TopHeap(int size)
    {
        private readonly float[] scores = new float[size];
        private readonly int[] docs = new int[size];
        private int count;

        /// <summary>The score a document must reach to enter: the worst kept once full.</summary>
        public float Threshold => count == size ? scores[0] : float.NegativeInfinity;

        public void Offer(float score, int doc)
        {
            if (float.IsNaN(score))
            {
                return;
            }

            if (count < size)
            {
                scores[count] = score;
                docs[count] = doc;
                Up(count++);
            }
            else if (Worse(scores[0], docs[0], score, doc))
            {
                scores[0] = score;
                docs[0] = doc;
                Down(0);
            }
        }

        public ScoreDoc[] Sorted()
        {
            var result = new ScoreDoc[count];
            for (var i = 0; i < count; i++)
            {
                result[i] = new ScoreDoc(docs[i], scores[i]);
            }

            Array.Sort(result, (x, y) => x.Score != y.Score ? y.Score.CompareTo(x.Score) : x.Doc.CompareTo(y.Doc));
            return result;
        }

        private static bool Worse(float scoreA, int docA, float scoreB, int docB) => scoreA < scoreB || (scoreA == scoreB && docA > docB);

        private void Up(int i)
        {
            while (i > 0)
            {
                var parent = (i - 1) / 2;
                if (!Worse(scores[i], docs[i], scores[parent], docs[parent]))
                {
                    return;
                }

                Swap(i, parent);
                i = parent;
            }
        }

        private void Down(int i)
        {
            while (true)
            {
                var worst = i;
                foreach (var child in (ReadOnlySpan<int>)[(2 * i) + 1, (2 * i) + 2])
                {
                    if (child < count && Worse(scores[child], docs[child], scores[worst], docs[worst]))
                    {
                        worst = child;
                    }
                }

                if (worst == i)
                {
                    return;
                }

                Swap(i, worst);
                i = worst;
            }
        }

        private void Swap(int a, int b)
        {
            (scores[a], scores[b]) = (scores[b], scores[a]);
            (docs[a], docs[b]) = (docs[b], docs[a]);
        }
    }
}

/// <summary>The status weights of relevance (<see cref="SearchIndexOptions.StatusWeights"/>) read for one day: a weight for each status combination of a segment.</summary>
internal sealed class StatusWeighting(IReadOnlyDictionary<string, float>? weights, DateOnly today, Func<StatusFacts, DateOnly, string?> currentStatus)
{
    /// <summary>The weight of each status combination of the segment, or null when relevance has no weights.</summary>
    public float[]? For(Lucene.Net.Index.AtomicReader reader)
    {
        if (weights is null)
        {
            return null;
        }

        return SegmentData.For(reader).StatusWeights(today, currentStatus, weights);
    }
}
