using System.Collections.Concurrent;

namespace SesecPortal.Search;

/// <summary>
/// The segment's facet values and current statuses as bitmaps (64 documents a word), for counting a large set of matches
/// with AND and popcount instead of visiting each match. Made on first use, per facet (only for facets with few values),
/// and for the statuses once a day.
/// </summary>
internal sealed partial class SegmentData
{
    /// <summary>Facets with more values than this are counted by visiting the matches.</summary>
    public const int MaxBitmapValues = 256;

    private readonly ConcurrentDictionary<string, Lazy<long[][]>> valueBitmaps = new(StringComparer.Ordinal);
    private volatile StatusBitmapCache? statusBitmaps;

    /// <summary>For each value ordinal of <paramref name="facet"/>, the documents that hold it.</summary>
    public long[][] ValueBitmaps(string facet, FacetColumn column) =>
        valueBitmaps.GetOrAdd(facet, _ => new Lazy<long[][]>(() => Build(column), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>For each status a document can have on <paramref name="today"/>, the documents that have it.</summary>
    public IReadOnlyList<(string Status, long[] Words)> StatusBitmaps(DateOnly today, Func<StatusFacts, DateOnly, string?> currentStatus)
    {
        var cached = statusBitmaps;
        if (cached is not null && cached.Today == today)
        {
            return cached.Bitmaps;
        }

        var statuses = CurrentStatuses(today, currentStatus);
        var words = ClauseCache.WordCount(StatusCombo.Length);
        var byStatus = new Dictionary<string, long[]>(StringComparer.Ordinal);
        for (var doc = 0; doc < StatusCombo.Length; doc++)
        {
            if (StatusCombo[doc] is var combo and >= 0 && statuses[combo] is { } status)
            {
                if (!byStatus.TryGetValue(status, out var bits))
                {
                    bits = new long[words];
                    byStatus[status] = bits;
                }

                bits[doc >> 6] |= 1L << doc;
            }
        }

        var result = byStatus.Select(e => (e.Key, e.Value)).ToList();
        statusBitmaps = new StatusBitmapCache(today, result);
        return result;
    }

    private long[][] Build(FacetColumn column)
    {
        var maxDoc = StatusCombo.Length;
        var words = ClauseCache.WordCount(maxDoc);
        var bitmaps = new long[column.Values.Length][];
        for (var ord = 0; ord < bitmaps.Length; ord++)
        {
            bitmaps[ord] = new long[words];
        }

        for (var doc = 0; doc < maxDoc; doc++)
        {
            if (column.Single is { } single)
            {
                if (single[doc] >= 0)
                {
                    bitmaps[single[doc]][doc >> 6] |= 1L << doc;
                }

                continue;
            }

            for (int j = column.Offsets![doc], end = column.Offsets[doc + 1]; j < end; j++)
            {
                bitmaps[column.Ords![j]][doc >> 6] |= 1L << doc;
            }
        }

        return bitmaps;
    }

    private sealed record StatusBitmapCache(DateOnly Today, IReadOnlyList<(string Status, long[] Words)> Bitmaps);
}
