using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using SesecPortal.Application.Features.Standards;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Standards;

/// <summary>The standards finder: filters as links and a GET form, so results can be bookmarked and shared.</summary>
[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class IndexModel(ISender sender) : PageModel
{
    public static readonly string[] FilterKeys = ["sector", "level", "status", "year", "committee", "ics", "ccs"];

    public FindStandards.Result Result { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var q = Request.Query;
        Result = await sender.Send(Endpoints.OpenDataApi.StandardsQuery(q), ct);
    }

    /// <summary>An ICS link goes down the tree: a group replaces the chosen one (a chosen group's link removes it).</summary>
    public string IcsLink(string code) =>
        Result.Ics.Any(i => i.Value == code && i.Selected) ? Toggle("ics", code) : QueryLinks.With("/standards", Request.Query, "ics", code);

    public string Toggle(string key, string value) => QueryLinks.Toggle("/standards", Request.Query, key, value);

    public string PageLink(int page) => QueryLinks.WithPage("/standards", Request.Query, page);

    public string SortLink(string sort) => QueryLinks.With("/standards", Request.Query, "sort", sort);
}
