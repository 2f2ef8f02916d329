using Lucene.Net.Index;
using Lucene.Net.Search;

namespace SesecPortal.Search;

/// <summary>
/// A query ready to run: the query Lucene scores, and, when it is a conjunction the bitmap execution understands, what it
/// is made of (<see cref="MatchPlan"/>). Without a plan (a standard code, typo tolerance) it runs on Lucene's scorer alone.
/// </summary>
internal sealed record Candidate(Query Query, MatchPlan? Plan)
{
    /// <summary>The same query, also required to match a non-scoring <paramref name="filter"/>.</summary>
    public Candidate Filtered(Filter filter) =>
        new(new BooleanQuery(disableCoord: true) { { Query, Occur.MUST }, { filter.Query, Occur.MUST } }, Plan?.Filtered(filter));
}

/// <summary>
/// A non-scoring condition: the query Lucene runs, and the same as required clauses for the bitmaps: those worth keeping
/// in the clause cache (a facet's values, kinds) and those made for one request (a period), computed each time.
/// </summary>
internal sealed record Filter(ConstantScoreQuery Query, IReadOnlyList<Query> Kept, IReadOnlyList<Query> Transient);

/// <summary>
/// A conjunction: every part must match (each adds its score), no excluded query may match, every filter must match (they
/// add nothing to the score). A plan with no parts matches every live document the filters and exclusions leave.
/// </summary>
internal sealed record MatchPlan(IReadOnlyList<QueryBuilder.Part> Parts, IReadOnlyList<Query> Excluded, IReadOnlyList<Query> Filters)
{
    /// <summary>Filters made for one request: not kept in the clause cache.</summary>
    public IReadOnlyList<Query> Transient { get; init; } = [];

    public MatchPlan Filtered(Filter filter) => this with { Filters = [.. Filters, .. filter.Kept], Transient = [.. Transient, .. filter.Transient] };
}

/// <summary>A scorer that only stands in for one: collectors that sort by a field are given it and never ask it anything.</summary>
internal sealed class NoScorer() : Scorer(null)
{
    public override int DocID => -1;

    public override int Freq => 1;

    public override float GetScore() => 0f;

    public override int NextDoc() => NO_MORE_DOCS;

    public override int Advance(int target) => NO_MORE_DOCS;

    public override long GetCost() => 0;
}

/// <summary>Records the documents a <see cref="FacetingCollector"/> lets through (the status filter's survivors), a bitmap a segment.</summary>
internal sealed class AcceptedDocs(int leafCount) : ICollector
{
    private long[] current = [];

    public long[][] Words { get; } = new long[leafCount][];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        current = new long[ClauseCache.WordCount(context.AtomicReader.MaxDoc)];
        Words[context.Ord] = current;
    }

    public void Collect(int doc) => current[doc >> 6] |= 1L << doc;
}

/// <summary>A collector that keeps nothing: the counting collector in front of it does the work.</summary>
internal sealed class IgnoredDocs : ICollector
{
    public static IgnoredDocs Instance { get; } = new();

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
    }

    public void Collect(int doc)
    {
    }
}
