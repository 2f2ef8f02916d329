namespace SesecPortal.Search;

public sealed record SearchIndexOptions
{
    /// <summary>
    /// The status a reader sees on a day, from what the document says of its life (<see cref="StatusFacts"/>: a standard
    /// "Published" whose effective date has come is "InForce", one whose withdrawal date has come "Withdrawn"). Used by the
    /// "status" facet and filter at query time: nothing is re-indexed when a day passes. By default, the stored status.
    /// </summary>
    public Func<StatusFacts, DateOnly, string?> CurrentStatus { get; init; } = (facts, _) => facts.Status;

    /// <summary>
    /// Relevance priors by current status (as <see cref="CurrentStatus"/> reads it): a match's score is multiplied by its
    /// status's weight, 1 when it has none here. Sorts other than relevance are untouched. By default, none.
    /// </summary>
    public IReadOnlyDictionary<string, float>? StatusWeights { get; init; }

    /// <summary>How much of a body is stored for snippets (the whole body is searched).</summary>
    public int StoredBodyLength { get; init; } = 3000;

    /// <summary>Threads a rebuild's <see cref="SearchIndexRebuild.Add"/> indexes with.</summary>
    public int IndexingThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>The writer's buffer before it writes a segment.</summary>
    public double RamBufferSizeMB { get; init; } = 64;

    /// <summary>Hits beyond this rank (page × page size) are not returned; the total and facets still count every match.</summary>
    public int MaxRank { get; init; } = 10_000;

    /// <summary>
    /// Memory each searcher may give to what it learnt of the clauses it ran (<see cref="ClauseCache"/>: a bitmap of each
    /// clause's matches and its best score in each block of 64 documents, about 190 KB a clause at a million documents),
    /// so that totals and facets are counted from bitmaps and only the blocks that can hold the top hits are scored.
    /// 0 turns it off: every search then scores and counts every match on Lucene's scorer, with the same results.
    /// </summary>
    public int ClauseCacheMB { get; init; } = 64;
}
