namespace SesecPortal.Application.Common;

/// <summary>One value of a filter, with how many results have it and whether it is selected.</summary>
public sealed record FacetValue(string Value, string Label, int Count, bool Selected);

public static class FacetValues
{
    /// <summary>The <paramref name="max"/> most frequent values (ties in the order given), and every selected one even when rarer.</summary>
    public static List<FacetValue> Top(IEnumerable<FacetValue> values, int max) =>
        [.. values.OrderByDescending(v => v.Count).Where((v, i) => i < max || v.Selected)];
}
