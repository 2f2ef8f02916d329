using SesecPortal.Application.Features.Search;

namespace SesecPortal.Web.Infrastructure;

/// <summary>Reads a search from an address and writes addresses for its facets and pages: the URL is the state.</summary>
internal static class SearchRequest
{
    public static readonly string[] FacetKeys = ["kind", "sector", "status", "authority", "year", "ics", "ccs"];

    public static SearchPortal.Query From(IQueryCollection query) => new(
        query["q"].ToString(),
        Kind: query["kind"].ToArray()!,
        Sector: query["sector"].ToArray()!,
        Status: query["status"].ToArray()!,
        Authority: query["authority"].ToArray()!,
        Year: query["year"].ToArray()!,
        Page: query["page"].ToString(),
        Ics: query["ics"].ToArray()!,
        Ccs: query["ccs"].ToArray()!);

    public static string Toggle(IQueryCollection query, string facet, string value) => QueryLinks.Toggle("/search", query, facet, value);

    public static string WithPage(IQueryCollection query, int page) => QueryLinks.WithPage("/search", query, page);
}
