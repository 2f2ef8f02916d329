namespace SesecPortal.Search;

/// <summary>
/// One item as readers see it, as the application hands it to the index. The key is (<see cref="Kind"/>, <see cref="Id"/>):
/// applying a document with the key of one already indexed replaces it.
/// </summary>
public sealed record SearchDocument
{
    /// <summary>"article", "policy", "standard", "working-group", "organisation"...; also the "kind" facet.</summary>
    public required string Kind { get; init; }

    public required int Id { get; init; }

    public required string Slug { get; init; }

    /// <summary>English title (or name): the most heavily weighted field, and the one typos are forgiven in.</summary>
    public required string Title { get; init; }

    /// <summary>Chinese title, analysed with SmartCn (and as CJK bigrams, so its words are always found).</summary>
    public string? TitleZh { get; init; }

    /// <summary>The code as written, shown in results ("GB/T 50378—2019", a policy's document number, "SC 42"); its words are searched like a title.</summary>
    public string? Code { get; init; }

    /// <summary>Compact normalised code keys ("GBT503782019", plan numbers, adopted ISO codes): a search's code key matches them by prefix.</summary>
    public IReadOnlyList<string> CodeKeys { get; init; } = [];

    /// <summary>Plain text; searched, and what snippets are cut from first.</summary>
    public string? Summary { get; init; }

    /// <summary>Plain text; searched whole; its first <see cref="SearchIndexOptions.StoredBodyLength"/> characters are kept for snippets.</summary>
    public string? Body { get; init; }

    /// <summary>Names or titles of closely related items (the lead organisations of a working group...): searched at a low weight.</summary>
    public IReadOnlyList<string> Related { get; init; } = [];

    /// <summary>For "newest first" and display; undated items come last.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>The stored status; the "status" facet is the current status (<see cref="SearchIndexOptions.CurrentStatus"/>).</summary>
    public string? Status { get; init; }

    public DateOnly? EffectiveOn { get; init; }

    /// <summary>The day it is (or was) withdrawn, when a withdrawal is recorded.</summary>
    public DateOnly? WithdrawnOn { get; init; }

    /// <summary>The day what replaces it takes over, when a replacement is recorded.</summary>
    public DateOnly? SupersededOn { get; init; }

    /// <summary>What the code sort orders by, when it is not the code itself (a canonical form of it); lower-cased by the index.</summary>
    public string? CodeSortKey { get; init; }

    /// <summary>
    /// When the item last went online or changed (an article's publication or update, a standard's or policy's last
    /// edit); null when it never changed here (the seed's records). What a watchlist lists is windowed and sorted by it.
    /// </summary>
    public DateTimeOffset? ChangedAt { get; init; }

    /// <summary>Facet name → values ("sector": ["ict", "carbon"], "year": ["2021"]). "kind" and "status" are added by the index; do not set them here.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Facets { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}

/// <summary>What a document says of its life, from which <see cref="SearchIndexOptions.CurrentStatus"/> tells its status on a day.</summary>
public readonly record struct StatusFacts(string Kind, string? Status, DateOnly? EffectiveOn, DateOnly? WithdrawnOn = null, DateOnly? SupersededOn = null);
