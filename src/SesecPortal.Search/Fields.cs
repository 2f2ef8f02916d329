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
    public const string Code = "code";
    public const string CodeKeys = "code_key";
    public const string Summary = "summary";
    public const string Body = "body";
    /// <summary>The start of the body, stored for snippets.</summary>
    public const string BodyStored = "body_stored";
    public const string Related = "related";
    /// <summary>Days since 0001-01-01, long.MinValue when undated (so undated sorts last, newest first).</summary>
    public const string Date = "date";
    public const string Status = "status";
    public const string EffectiveOn = "effective";
    public const string TitleSort = "title_sort";
    public const string CodeSort = "code_sort";
    /// <summary>Facet fields: "f:" + name, a string term (filters) and a sorted-set doc value (counts).</summary>
    public const string FacetPrefix = "f:";

    public static string Facet(string name) => FacetPrefix + name;

    public static string KeyOf(string kind, int id) => kind + ":" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>English text fields a word is looked for in, with their weights: titles and codes first, then summary, body, related names.</summary>
    public static readonly (string Field, float Boost)[] Text =
    [
        (Title, 6f),
        (Code, 5f),
        (Summary, 2f),
        (Body, 1f),
        (Related, 0.7f),
    ];

    public const float TitleZhBoost = 6f;
    public const float TitleZhBigramBoost = 3f;
}
