using Lucene.Net.Index;
using Lucene.Net.Search;

namespace SesecPortal.Search;

/// <summary>
/// Sees every match once: drops those whose current status the status filter refuses (having counted their status first,
/// when asked to count statuses before that filter), counts the total and the requested facets from the segment's decoded arrays (<see cref="SegmentData"/>), and hands the rest to the collector that keeps the
/// top hits. Counts are kept per segment ordinal and turned into values once a segment is done.
/// </summary>
internal sealed class FacetingCollector(
    ICollector inner,
    IReadOnlyList<string> facets,
    bool countStatus,
    IReadOnlySet<string>? acceptedStatuses,
    DateOnly today,
    Func<StatusFacts, DateOnly, string?> currentStatus,
    IReadOnlyDictionary<string, float>? statusWeights = null,
    bool countStatusBeforeFilter = false) : ICollector
{
    private readonly Dictionary<string, int>[] totals = [.. facets.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal))];
    private readonly Dictionary<string, int> statusTotals = new(StringComparer.Ordinal);

    private SegmentData? segment;
    private FacetColumn?[] columns = [];
    private int[][] counts = [];
    private int[] comboCounts = [];
    private bool[]? comboAccepted;
    private string?[] comboStatus = [];
    private float[] comboWeight = [];
    private readonly WeightedScorer? weighted = statusWeights is null ? null : new WeightedScorer();

    public int Total { get; private set; }

    public bool AcceptsDocsOutOfOrder => inner.AcceptsDocsOutOfOrder;

    public void SetScorer(Scorer scorer)
    {
        if (weighted is null)
        {
            inner.SetScorer(scorer);
            return;
        }

        weighted.Inner = scorer;
        inner.SetScorer(weighted);
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        segment = SegmentData.For(context.AtomicReader);
        columns = new FacetColumn?[facets.Count];
        counts = new int[facets.Count][];
        for (var i = 0; i < facets.Count; i++)
        {
            columns[i] = segment.Facets.GetValueOrDefault(facets[i]);
            counts[i] = columns[i] is { } column ? new int[column.Values.Length] : [];
        }

        if (countStatus || acceptedStatuses is not null || statusWeights is not null)
        {
            comboStatus = segment.CurrentStatuses(today, currentStatus);
            if (statusWeights is not null)
            {
                comboWeight = segment.StatusWeights(today, currentStatus, statusWeights);
                weighted!.Weights = comboWeight;
                weighted.Combos = segment.StatusCombo;
            }

            comboCounts = countStatus ? new int[comboStatus.Length] : [];
            if (acceptedStatuses is not null)
            {
                comboAccepted = new bool[comboStatus.Length];
                for (var i = 0; i < comboStatus.Length; i++)
                {
                    comboAccepted[i] = comboStatus[i] is { } s && acceptedStatuses.Contains(s);
                }
            }
        }

        inner.SetNextReader(context);
    }

    public void Collect(int doc)
    {
        var data = segment!;
        if (countStatus && countStatusBeforeFilter && data.StatusCombo[doc] is var counted and >= 0)
        {
            comboCounts[counted]++;
        }

        if (comboAccepted is not null)
        {
            var c = data.StatusCombo[doc];
            if (c < 0 || !comboAccepted[c])
            {
                return;
            }
        }

        Total++;
        for (var i = 0; i < columns.Length; i++)
        {
            var column = columns[i];
            if (column is null)
            {
                continue;
            }

            var segmentCounts = counts[i];
            if (column.Single is { } single)
            {
                var ord = single[doc];
                if (ord >= 0)
                {
                    segmentCounts[ord]++;
                }
            }
            else
            {
                var ords = column.Ords!;
                for (int j = column.Offsets![doc], end = column.Offsets[doc + 1]; j < end; j++)
                {
                    segmentCounts[ords[j]]++;
                }
            }
        }

        if (countStatus && !countStatusBeforeFilter)
        {
            var c = data.StatusCombo[doc];
            if (c >= 0)
            {
                comboCounts[c]++;
            }
        }

        inner.Collect(doc);
    }

    /// <summary>
    /// Whether counting this segment's <paramref name="matchCount"/> matches from bitmaps (<see cref="CountBitmaps"/>) is
    /// cheaper than visiting each: a word of 64 documents ANDed with each value's against a few array reads a match.
    /// Never for a facet with many values.
    /// </summary>
    public bool PrefersBitmaps(long matchCount, int words)
    {
        long values = countStatus ? 8 : 0;
        foreach (var column in columns)
        {
            if (column is null)
            {
                continue;
            }

            if (column.Values.Length > SegmentData.MaxBitmapValues)
            {
                return false;
            }

            values += column.Values.Length;
        }

        return matchCount * (columns.Length + 2) * 4 > words * Math.Max(1, values);
    }

    /// <summary>
    /// Counts the segment's matches, given as a bitmap, as <see cref="Collect"/> counts each one (the total, the facets, the
    /// statuses before or after the status filter), by AND and popcount; returns the matches the status filter lets
    /// through. Nothing is handed to the inner collector.
    /// </summary>
    public long[] CountBitmaps(long[] matches)
    {
        var data = segment!;
        var statuses = countStatus || acceptedStatuses is not null ? data.StatusBitmaps(today, currentStatus) : null;
        var accepted = matches;
        if (acceptedStatuses is not null)
        {
            accepted = new long[matches.Length];
            foreach (var (status, words) in statuses!)
            {
                if (acceptedStatuses.Contains(status))
                {
                    for (var w = 0; w < accepted.Length; w++)
                    {
                        accepted[w] |= matches[w] & words[w];
                    }
                }
            }
        }

        Total += (int)AndCount(accepted, null);
        for (var i = 0; i < columns.Length; i++)
        {
            if (columns[i] is { } column)
            {
                var bitmaps = data.ValueBitmaps(facets[i], column);
                for (var ord = 0; ord < bitmaps.Length; ord++)
                {
                    counts[i][ord] += (int)AndCount(accepted, bitmaps[ord]);
                }
            }
        }

        if (countStatus)
        {
            var counted = countStatusBeforeFilter ? matches : accepted;
            foreach (var (status, words) in statuses!)
            {
                if (AndCount(counted, words) is var n and > 0)
                {
                    statusTotals[status] = statusTotals.GetValueOrDefault(status) + (int)n;
                }
            }
        }

        return accepted;
    }

    private static long AndCount(long[] a, long[]? b)
    {
        long n = 0;
        for (var w = 0; w < a.Length; w++)
        {
            var bits = b is null ? a[w] : a[w] & b[w];
            n += System.Numerics.BitOperations.PopCount((ulong)bits);
        }

        return n;
    }

    /// <summary>Value → count for each requested facet, and for the current status when asked.</summary>
    public (Dictionary<string, int>[] Facets, Dictionary<string, int> Status) Finish()
    {
        Flush();
        return (totals, statusTotals);
    }

    private void Flush()
    {
        if (segment is null)
        {
            return;
        }

        for (var i = 0; i < columns.Length; i++)
        {
            if (columns[i] is not { } column)
            {
                continue;
            }

            var segmentCounts = counts[i];
            for (var ord = 0; ord < segmentCounts.Length; ord++)
            {
                if (segmentCounts[ord] > 0)
                {
                    var value = column.Values[ord];
                    totals[i][value] = totals[i].GetValueOrDefault(value) + segmentCounts[ord];
                }
            }
        }

        for (var c = 0; c < comboCounts.Length; c++)
        {
            if (comboCounts[c] > 0 && comboStatus[c] is { } status)
            {
                statusTotals[status] = statusTotals.GetValueOrDefault(status) + comboCounts[c];
            }
        }

        segment = null;
        comboCounts = [];
        comboAccepted = null;
    }
}
