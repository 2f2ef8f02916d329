using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using SesecPortal.Application.Features.Policies;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Policies;

/// <summary>Every policy, with filters as links, so a list can be bookmarked, shared and downloaded as it is.</summary>
[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class IndexModel(ISender sender) : PageModel
{
    public static readonly string[] FilterKeys = ["sector", "authority", "kind", "status", "year"];

    public FindPolicies.Result Result { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Result = await sender.Send(Query(Request.Query), ct);

    public static FindPolicies.Query Query(IQueryCollection q) => new(
        Sector: q["sector"].ToArray()!, Authority: q["authority"].ToArray()!, Kind: q["kind"].ToArray()!, Status: q["status"].ToArray()!,
        Year: q["year"].ToArray()!, Sort: q["sort"].ToString(), Page: q["page"].ToString());

    public string Toggle(string key, string value) => QueryLinks.Toggle("/policies", Request.Query, key, value);

    public string PageLink(int page) => QueryLinks.WithPage("/policies", Request.Query, page);

    public string SortLink(string sort) => QueryLinks.With("/policies", Request.Query, "sort", sort);

    public string CsvLink => QueryLinks.Carrying("/api/v1/policies.csv", Request.Query, [.. FilterKeys, "sort"]);

    /// <summary>The same list as JSON, this page of it (the read API pages as the list does).</summary>
    public string JsonLink => QueryLinks.Carrying("/api/v1/policies", Request.Query, [.. FilterKeys, "sort", "page"]);
}
