using SesecPortal.Application.Common;
using SesecPortal.Application.Domain;
using SesecPortal.Search;

namespace SesecPortal.Application.Features.Standards;

/// <summary>
/// ICS and CCS as filters and counts, the same on the standards finder and on <c>/search</c>: the index holds each
/// standard's ICS codes with their ancestors (so a filter on <c>35.240</c> finds <c>35.240.30</c>) and its CCS class letter.
/// </summary>
public static class ClassificationFacets
{
    /// <summary>The index facet of every ICS code with its ancestors: filtered on, and counted below a chosen group.</summary>
    public const string IcsFacet = "ics";

    /// <summary>The index facet of the ICS fields alone (<c>35</c>): what is counted when no ICS filter is on.</summary>
    public const string IcsFields = "ics-field";

    public const string CcsClassFacet = "ccs-class";

    /// <summary>An ICS code's field: <c>35.240.30</c> → <c>35</c>.</summary>
    public static string FieldOf(string icsCode) => icsCode.Split('.')[0];

    /// <summary>The facets a search counts for ICS and CCS: fields when no ICS group is chosen, the groups when one is.</summary>
    public static string[] Counted(IReadOnlyList<string> chosenIcs) => [chosenIcs.Count == 0 ? IcsFields : IcsFacet, CcsClassFacet];

    /// <summary>The ICS codes of the 7th edition among <paramref name="raw"/>; the others are reported as ignored.</summary>
    public static List<string> ValidIcs(QueryInput input, IReadOnlyList<string>? raw)
    {
        var values = QueryInput.Values(raw);
        input.Ignored("ICS group", values.Where(v => !Classification.IsIcs(v)));
        return [.. values.Where(Classification.IsIcs).Select(v => v.Trim()).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The CCS class letters among <paramref name="raw"/> (any case); the others are reported as ignored.</summary>
    public static List<string> ValidCcsClasses(QueryInput input, IReadOnlyList<string>? raw)
    {
        var values = QueryInput.Values(raw);
        input.Ignored("CCS class", values.Where(v => Classification.FindCcsClass(v.ToUpperInvariant()) is null));
        return [.. values.Select(v => v.ToUpperInvariant()).Where(v => Classification.FindCcsClass(v) is not null).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>A CCS class as filters name it: <c>L Electronic components and information technology (电子元器件与信息技术)</c>.</summary>
    public static string CcsLabel(Classification.CcsEntry c) => $"{c.Letter} {c.TitleEn} ({c.TitleZh})";

    /// <summary>The fields, or the chosen groups and the groups just below them, with their counts (a group counts what is below it).</summary>
    public static List<FacetValue> Ics(IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> facets, IReadOnlyList<string> chosen)
    {
        var counts = facets.GetValueOrDefault(chosen.Count == 0 ? IcsFields : IcsFacet) ?? [];
        var byCode = counts.ToDictionary(c => c.Value, c => c.Count, StringComparer.Ordinal);
        var shown = chosen.Count == 0
            ? Classification.IcsGroups.Where(g => g.Parent is null)
            : Classification.IcsGroups.Where(g => chosen.Contains(g.Code) || (g.Parent is not null && chosen.Contains(g.Parent)));
        return [.. shown.Where(g => byCode.ContainsKey(g.Code)).OrderBy(g => g.Code, StringComparer.Ordinal)
            .Select(g => new FacetValue(g.Code, $"{g.Code} {g.Title}", byCode[g.Code], chosen.Contains(g.Code)))];
    }

    /// <summary>The CCS classes counted, in letter order, named in English and Chinese.</summary>
    public static List<FacetValue> CcsClasses(IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> facets, IReadOnlyList<string> chosen) =>
        [.. (facets.GetValueOrDefault(CcsClassFacet) ?? []).Select(c => (Class: Classification.FindCcsClass(c.Value), c.Count)).Where(c => c.Class is not null)
            .OrderBy(c => c.Class!.Letter, StringComparer.Ordinal)
            .Select(c => new FacetValue(c.Class!.Letter, CcsLabel(c.Class), c.Count, chosen.Contains(c.Class.Letter)))];
}
