namespace SesecPortal.Search;

/// <summary>The index's field names.</summary>
internal static class Fields
{
    /// <summary>"kind:id", the unique key.</summary>
    public const string Key = "key";
    public const string Kind = "kind";
    public const string Id = "id";
    public const string Slug = "slug";
    public const string Title = "title";
    public const string TitleZh = "title_zh";
    public const string TitleZhBigrams = "title_zh_bi";
    /// <summary>Stored only: the code is searched in <see cref="Title"/> and <see cref="All"/>.</summary>
    public const string Code = "code";
    public const string CodeKeys = "code_key";
    public const string Summary = "summary";
    /// <summary>The start of the body, stored for snippets.</summary>
    public const string BodyStored = "body_stored";
    /// <summary>Days since 0001-01-01, long.MinValue when undated (so undated sorts last, newest first).</summary>
    public const string Date = "date";
    /// <summary>
    /// The change time in UTC ticks: indexed as a number (range filters), stored, and a numeric doc value for sorting
    /// (long.MinValue when it never changed, so those sort last, newest first).
    /// </summary>
    public const string Changed = "changed";
    /// <summary>The key as a sorted doc value: the last tie-break of <see cref="SearchSort.Changed"/>.</summary>
    public const string KeySort = "key_sort";
    public const string Status = "status";
    public const string EffectiveOn = "effective";
    public const string WithdrawnOn = "withdrawn";
    public const string SupersededOn = "superseded";
    public const string TitleSort = "title_sort";
    public const string CodeSort = "code_sort";
    /// <summary>Facet fields: "f:" + name, a string term (filters) and a sorted-set doc value (counts).</summary>
    public const string FacetPrefix = "f:";

    public static string Facet(string name) => FacetPrefix + name;

    public static string KeyOf(string kind, int id) => kind + ":" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Everything searchable in English, one field: title, code, summary, body, related names (a gap of 100 positions
    /// between them, so no phrase spans two). A word must be found here; a match costs one postings list a word.
    /// </summary>
    public const string All = "all";

    /// <summary>Weight of a word found anywhere (the <see cref="All"/> field, BM25).</summary>
    public const float AllBoost = 1f;

    /// <summary>Added when the word is also in the title or code (the title field holds both).</summary>
    public const float TitleBoost = 5f;

    /// <summary>Added when the word is also in the summary.</summary>
    public const float SummaryBoost = 1.5f;

    public const float TitleZhBoost = 6f;
    public const float TitleZhBigramBoost = 3f;
}
