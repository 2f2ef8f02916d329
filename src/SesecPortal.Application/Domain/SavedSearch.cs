using System.Text;

namespace SesecPortal.Application.Domain;

/// <summary>
/// A search a member follows: its words, normalised (NFKC, spaces collapsed), and the filters that describe what it is
/// about (kind, sector, authority) in a canonical form, so that following the same search twice is following it once.
/// Status and year filters are not kept: what is new is by definition this year's, and a status changes.
/// </summary>
public static class SavedSearch
{
    public const int MaxLength = SesecPortal.Search.SearchSyntax.MaxLength;

    /// <summary>The filter keys a saved search keeps, in the order they are written.</summary>
    public static readonly IReadOnlyList<string> FilterKeys = ["kind", "sector", "authority"];

    public static string Normalize(string? text)
    {
        var words = (text ?? "").Normalize(NormalizationForm.FormKC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words);
    }

    /// <summary><c>kind=policy&amp;kind=standard&amp;sector=ict</c>: sorted, without duplicates; empty when there is no filter.</summary>
    public static string Filters(IEnumerable<string>? kinds, IEnumerable<string>? sectors, IEnumerable<string>? authorities)
    {
        static IEnumerable<string> Pairs(string key, IEnumerable<string>? values) =>
            (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim().ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal)
                .Select(v => $"{key}={Uri.EscapeDataString(v)}");

        return string.Join('&', Pairs("kind", kinds).Concat(Pairs("sector", sectors)).Concat(Pairs("authority", authorities)));
    }

    /// <summary>The values of one filter key in a canonical filter string.</summary>
    public static IReadOnlyList<string> Values(string filters, string key) =>
        [.. filters.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2 && p[0] == key)
            .Select(p => Uri.UnescapeDataString(p[1]))];

    /// <summary>“carbon peak” (kind: policy; sector: carbon).</summary>
    public static string Describe(string query, string filters)
    {
        var parts = FilterKeys.Select(k => (k, v: Values(filters, k))).Where(x => x.v.Count > 0).Select(x => $"{x.k}: {string.Join(", ", x.v)}").ToList();
        return $"“{query}”" + (parts.Count == 0 ? "" : $" ({string.Join("; ", parts)})");
    }
}
