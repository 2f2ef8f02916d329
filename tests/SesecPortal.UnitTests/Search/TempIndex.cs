using SesecPortal.Search;

namespace SesecPortal.UnitTests.Search;

/// <summary>A real Lucene index in a folder of its own, deleted afterwards.</summary>
public sealed class TempIndex : IDisposable
{
    public static readonly DateOnly Today = new(2026, 6, 30);

    /// <summary>The portal's rule: a published standard is in force from its effective date, and not before.</summary>
    /// <summary>The same, and a withdrawal or a supersession counts from its day.</summary>
    public static string? CurrentStatus(StatusFacts facts, DateOnly today) =>
        facts.Kind == "standard" && facts.SupersededOn is { } s && s <= today ? "Superseded"
        : facts.Kind == "standard" && facts.WithdrawnOn is { } w && w <= today ? "Withdrawn"
        : CurrentStatus(facts.Kind, facts.Status, facts.EffectiveOn, today);

    public static string? CurrentStatus(string kind, string? status, DateOnly? effectiveOn, DateOnly today) =>
        kind == "standard" && status == "Published" && effectiveOn is { } e && e <= today ? "InForce"
        : kind == "standard" && status == "InForce" && effectiveOn is { } f && f > today ? "Published"
        : status;

    public static SearchIndexOptions Options { get; } = new() { CurrentStatus = CurrentStatus };

    private readonly SearchIndexOptions options;

    /// <param name="options">The index options; the portal's search options (<see cref="Options"/>) by default.</param>
    public TempIndex(SearchIndexOptions? options = null)
    {
        this.options = options ?? Options;
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sesec-search-tests", Guid.NewGuid().ToString("N"));
        Index = SearchIndex.Open(Path, this.options);
    }

    public string Path { get; }

    public SearchIndex Index { get; private set; }

    public SearchIndex Reopen()
    {
        Index.Dispose();
        Index = SearchIndex.Open(Path, options);
        return Index;
    }

    public TempIndex With(params SearchDocument[] documents)
    {
        Index.Apply(documents, [], "1");
        return this;
    }

    public SearchResults Search(string? text, Action<SearchRequestBuilder>? configure = null)
    {
        var builder = new SearchRequestBuilder { Syntax = SearchSyntax.Parse(text) };
        configure?.Invoke(builder);
        return Index.Search(builder.Build());
    }

    public IReadOnlyList<string> Titles(string? text, Action<SearchRequestBuilder>? configure = null) =>
        [.. Search(text, configure).Hits.Select(h => h.Title)];

    public void Dispose()
    {
        Index.Dispose();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }

    public static SearchDocument Article(int id, string title, string? summary = null, string? body = null, DateOnly? date = null, params string[] sectors) => new()
    {
        Kind = "article", Id = id, Slug = $"article-{id}", Title = title, Summary = summary, Body = body, Date = date ?? new DateOnly(2024, 1, 1).AddDays(id),
        Facets = new Dictionary<string, IReadOnlyList<string>> { ["sector"] = sectors },
    };

    public static SearchDocument Standard(int id, string code, string title, string? titleZh = null, string status = "InForce", DateOnly? effectiveOn = null, string? summary = null, params string[] sectors) => new()
    {
        Kind = "standard", Id = id, Slug = $"standard-{id}", Title = title, TitleZh = titleZh, Code = code,
        CodeKeys = [Key(code)], Summary = summary, Status = status, EffectiveOn = effectiveOn, Date = new DateOnly(2020, 1, 1).AddDays(id),
        Facets = new Dictionary<string, IReadOnlyList<string>> { ["sector"] = sectors },
    };

    public static string Key(string code) => new([.. code.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant)]);
}

public sealed class SearchRequestBuilder
{
    public SearchSyntax Syntax { get; set; } = SearchSyntax.Empty;
    public string? CodeKey { get; set; }
    public Dictionary<string, IReadOnlyList<string>> Filters { get; } = [];
    public DateOnly Today { get; set; } = TempIndex.Today;
    public SearchSort Sort { get; set; }
    public int Page { get; set; } = 1;
    public int PageSize { get; set; } = 20;
    public List<string> CountFacets { get; } = [];

    public SearchRequest Build() => new()
    {
        Syntax = Syntax, CodeKey = CodeKey, Filters = Filters, Today = Today, Sort = Sort, Page = Page, PageSize = PageSize,
        CountFacets = CountFacets, MaxFacetValues = 30,
    };
}
