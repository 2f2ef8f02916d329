using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace SesecPortal.Search;

/// <summary>
/// One facet of one segment, decoded from its sorted-set doc values into plain arrays once, when the segment is first
/// searched: counting a match is then an array read and an increment (2-4 times cheaper than reading doc values per match).
/// Single-valued facets (kind, year, level...) keep one ordinal a document; multi-valued ones (sector, ics) a CSR layout.
/// </summary>
internal sealed class FacetColumn
{
    public required string[] Values { get; init; }

    /// <summary>Ordinal of each document's one value, -1 without one; null when the facet is multi-valued here.</summary>
    public int[]? Single { get; init; }

    /// <summary>Multi-valued: the ordinals of document d are Ords[Offsets[d]..Offsets[d + 1]].</summary>
    public int[]? Offsets { get; init; }

    public int[]? Ords { get; init; }

    public static FacetColumn Load(SortedSetDocValues dv, int maxDoc)
    {
        var valueCount = (int)dv.ValueCount;
        var values = new string[valueCount];
        var bytes = new BytesRef();
        for (var i = 0; i < valueCount; i++)
        {
            dv.LookupOrd(i, bytes);
            values[i] = bytes.Utf8ToString();
        }

        var single = new int[maxDoc];
        var multi = false;
        var total = 0;
        for (var doc = 0; doc < maxDoc; doc++)
        {
            dv.SetDocument(doc);
            var first = dv.NextOrd();
            single[doc] = (int)first;
            if (first == SortedSetDocValues.NO_MORE_ORDS)
            {
                single[doc] = -1;
                continue;
            }

            total++;
            while (dv.NextOrd() != SortedSetDocValues.NO_MORE_ORDS)
            {
                multi = true;
                total++;
            }
        }

        if (!multi)
        {
            return new FacetColumn { Values = values, Single = single };
        }

        var offsets = new int[maxDoc + 1];
        var ords = new int[total];
        var n = 0;
        for (var doc = 0; doc < maxDoc; doc++)
        {
            offsets[doc] = n;
            dv.SetDocument(doc);
            long ord;
            while ((ord = dv.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
            {
                ords[n++] = (int)ord;
            }
        }

        offsets[maxDoc] = n;
        return new FacetColumn { Values = values, Offsets = offsets, Ords = ords };
    }
}

/// <summary>
/// What a search needs of one segment beyond Lucene's own structures: its facet columns and the (kind, stored status and
/// the dates of its life) of each document, from which the current status is computed per day without re-indexing. Built once
/// per segment core (so a refresh after a small batch builds only the new segments) and shared by every reader that
/// holds the segment; deletions are Lucene's live docs, applied before a document reaches the collector.
/// </summary>
internal sealed partial class SegmentData
{
    private static readonly ConditionalWeakTable<object, Lazy<SegmentData>> Cache = new();

    private volatile StatusCache? statusCache;
    private volatile WeightCache? weightCache;

    private SegmentData(Dictionary<string, FacetColumn> facets, int[] statusCombo, StatusFacts[] combos)
    {
        Facets = facets;
        StatusCombo = statusCombo;
        Combos = combos;
    }

    /// <summary>Facet name (without the field prefix) → column.</summary>
    public Dictionary<string, FacetColumn> Facets { get; }

    /// <summary>Index into <see cref="Combos"/> of each document, -1 when it has no status.</summary>
    public int[] StatusCombo { get; }

    public StatusFacts[] Combos { get; }

    public static SegmentData For(AtomicReader reader) =>
        Cache.GetValue(reader.CoreCacheKey, _ => new Lazy<SegmentData>(() => Load(reader), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>The current status of each combination on a day (computed once a day per segment: the delegate is the application's).</summary>
    public string?[] CurrentStatuses(DateOnly today, Func<StatusFacts, DateOnly, string?> currentStatus)
    {
        var cached = statusCache;
        if (cached is not null && cached.Today == today)
        {
            return cached.Current;
        }

        var result = new string?[Combos.Length];
        for (var i = 0; i < Combos.Length; i++)
        {
            result[i] = currentStatus(Combos[i], today);
        }

        statusCache = new StatusCache(today, result);
        return result;
    }

    private sealed record StatusCache(DateOnly Today, string?[] Current);

    /// <summary>
    /// The relevance weight of each combination on a day (its current status's weight, 1 without one), computed once a day
    /// per segment and set of weights, not at each search.
    /// </summary>
    public float[] StatusWeights(DateOnly today, Func<StatusFacts, DateOnly, string?> currentStatus, IReadOnlyDictionary<string, float> weights)
    {
        var cached = weightCache;
        if (cached is not null && cached.Today == today && ReferenceEquals(cached.Weights, weights))
        {
            return cached.Values;
        }

        var statuses = CurrentStatuses(today, currentStatus);
        var values = new float[statuses.Length];
        for (var i = 0; i < statuses.Length; i++)
        {
            values[i] = statuses[i] is { } status && weights.TryGetValue(status, out var w) ? w : 1f;
        }

        weightCache = new WeightCache(today, weights, values);
        return values;
    }

    private sealed record WeightCache(DateOnly Today, IReadOnlyDictionary<string, float> Weights, float[] Values);

    private static SegmentData Load(AtomicReader reader)
    {
        var maxDoc = reader.MaxDoc;
        var facets = new Dictionary<string, FacetColumn>(StringComparer.Ordinal);
        foreach (var info in reader.FieldInfos)
        {
            if (info.Name.StartsWith(Fields.FacetPrefix, StringComparison.Ordinal) && info.DocValuesType == DocValuesType.SORTED_SET)
            {
                var dv = reader.GetSortedSetDocValues(info.Name);
                if (dv is not null)
                {
                    facets[info.Name[Fields.FacetPrefix.Length..]] = FacetColumn.Load(dv, maxDoc);
                }
            }
        }

        var combo = new int[maxDoc];
        Array.Fill(combo, -1);
        var combos = new List<StatusFacts>();
        var status = reader.GetSortedDocValues(Fields.Status);
        if (status is not null && facets.TryGetValue("kind", out var kinds) && kinds.Single is { } kindOf)
        {
            var effective = reader.GetNumericDocValues(Fields.EffectiveOn);
            var withdrawn = reader.GetNumericDocValues(Fields.WithdrawnOn);
            var superseded = reader.GetNumericDocValues(Fields.SupersededOn);
            var index = new Dictionary<(int, int, long, long, long), int>();
            var statusValues = new string[status.ValueCount];
            var bytes = new BytesRef();
            for (var i = 0; i < statusValues.Length; i++)
            {
                status.LookupOrd(i, bytes);
                statusValues[i] = bytes.Utf8ToString();
            }

            for (var doc = 0; doc < maxDoc; doc++)
            {
                var s = status.GetOrd(doc);
                if (s < 0 || kindOf[doc] < 0)
                {
                    continue;
                }

                var e = effective?.Get(doc) ?? long.MinValue;
                var w = withdrawn?.Get(doc) ?? long.MinValue;
                var r = superseded?.Get(doc) ?? long.MinValue;
                var key = (kindOf[doc], s, e, w, r);
                if (!index.TryGetValue(key, out var c))
                {
                    c = combos.Count;
                    index[key] = c;
                    combos.Add(new StatusFacts(kinds.Values[kindOf[doc]], statusValues[s], Day(e), Day(w), Day(r)));
                }

                combo[doc] = c;
            }
        }

        return new SegmentData(facets, combo, [.. combos]);
    }

    private static DateOnly? Day(long number) => number == long.MinValue ? null : DateOnly.FromDayNumber((int)number);
}
