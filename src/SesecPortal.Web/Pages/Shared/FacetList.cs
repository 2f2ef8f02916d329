using SesecPortal.Application.Common;

namespace SesecPortal.Web.Pages;

/// <summary>One filter's values with counts, each a link that switches it on or off; rendered by <c>_Facet</c>.</summary>
public sealed record FacetList(string Key, string Heading, IReadOnlyList<FacetValue> Values, Func<string, string> Link);
