namespace SesecPortal.Search;

public enum SearchSort
{
    /// <summary>Relevance when there are words or a code to look for, newest first when there are none.</summary>
    Default,
    Relevance,
    /// <summary>Newest first; undated items last; the same day by code (items without one last), then title.</summary>
    Newest,
    Oldest,
    /// <summary>By code (items without one last), then title.</summary>
    Code,
    /// <summary>By title, A to Z.</summary>
    Title,
    /// <summary>
    /// Latest change first (<see cref="SearchDocument.ChangedAt"/>; items that never changed last), then newest date,
    /// then by key (kind and id, descending): a total order, so results merged from several searches sort alike.
    /// </summary>
    Changed,
}

/// <summary>
/// What a request's results are narrowed to without changing how its words match: whole words are widened to prefixes,
/// and typos forgiven, exactly when they would be for the same request without it, so the results are those of the
/// request without it that are also in the window (a search followed on a watchlist finds, in a period, what /search finds).
/// </summary>
public sealed record SearchWindow
{
    /// <summary>Only these kinds; none: any kind.</summary>
    public IReadOnlyList<string> Kinds { get; init; } = [];

    /// <summary>Only items that changed after this time (exclusive). With either bound, items that never changed are left out.</summary>
    public DateTimeOffset? ChangedAfter { get; init; }

    /// <summary>Only items that changed at or before this time (inclusive).</summary>
    public DateTimeOffset? ChangedUntil { get; init; }
}

public sealed record SearchRequest
{
    /// <summary>What the reader typed, parsed (<see cref="SearchSyntax.Parse"/>).</summary>
    public SearchSyntax Syntax { get; init; } = SearchSyntax.Empty;

    /// <summary>
    /// Set by the application when the text parses as a standard code: the compact key ("GBT50378"). Documents whose
    /// <see cref="SearchDocument.CodeKeys"/> start with it match and rank first, an exact key first of all.
    /// </summary>
    public string? CodeKey { get; init; }

    /// <summary>Facet name → accepted values: any value within a facet, every facet. "kind" and "status" (the current status) are facets too.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Filters { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The day the current status is computed for.</summary>
    public DateOnly Today { get; init; } = DateOnly.FromDateTime(DateTime.UtcNow);

    public SearchSort Sort { get; init; } = SearchSort.Default;

    /// <summary>1-based; a page past the last gives no hits (the total still counts).</summary>
    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 20;

    /// <summary>Whole words that find fewer than this are also matched as prefixes; null: the page size.</summary>
    public int? WidenBelow { get; init; }

    /// <summary>Narrows the results (kinds, a change-time range) after the words' matching is decided; null: no narrowing.</summary>
    public SearchWindow? Within { get; init; }

    /// <summary>The facets to count ("kind", "status", "sector", ...); none by default.</summary>
    public IReadOnlyList<string> CountFacets { get; init; } = [];

    public int MaxFacetValues { get; init; } = 30;

    /// <summary>
    /// Count the "status" facet over the matches of every filter but the status filter (a list whose status choices keep
    /// showing what the others would give); by default it is counted within all the filters, like every other facet.
    /// </summary>
    public bool StatusCountsIgnoreStatusFilter { get; init; }
}

public sealed record SearchHit(string Kind, int Id, string Slug, string Title, string? Code, DateOnly? Date, float Score, string SnippetHtml)
{
    /// <summary>The Chinese title (policies and standards), when the item has one.</summary>
    public string? TitleZh { get; init; }

    /// <summary>When the item last went online or changed (<see cref="SearchDocument.ChangedAt"/>).</summary>
    public DateTimeOffset? ChangedAt { get; init; }
}

public sealed record FacetCount(string Value, int Count);

public sealed record SearchResults
{
    /// <summary>Every match, exactly.</summary>
    public required int Total { get; init; }

    public required IReadOnlyList<SearchHit> Hits { get; init; }

    /// <summary>Counted over all the matches after the filters: by count (highest first) then value; "year" by value, latest first.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets { get; init; }

    /// <summary>Nothing matched the words exactly: these are items whose titles hold words like them (typo tolerance).</summary>
    public bool Approximate { get; init; }

    /// <summary>Whole words found less than a page, so words of 3 letters or more were also matched as prefixes.</summary>
    public bool Widened { get; init; }

    public static SearchResults None { get; } = new() { Total = 0, Hits = [], Facets = new Dictionary<string, IReadOnlyList<FacetCount>>() };
}
