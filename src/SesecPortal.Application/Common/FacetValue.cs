namespace SesecPortal.Application.Common;

/// <summary>One value of a filter, with how many results have it and whether it is selected.</summary>
public sealed record FacetValue(string Value, string Label, int Count, bool Selected);
