using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SesecPortal.Application.Features.Search;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Search;

/// <summary>The search page: a GET form, facets as links, so it works (and can be bookmarked) without JavaScript.</summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    public SearchPortal.Result Result { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Result = await sender.Send(SearchRequest.From(Request.Query), ct);
        if (Result.ExactMatchUrl is not null && !Result.Applied.Any)
        {
            return Redirect(Result.ExactMatchUrl);
        }

        return Page();
    }

    /// <summary>This page's address with one facet value switched on or off (and back to page 1).</summary>
    public string Toggle(string facet, string value) => SearchRequest.Toggle(Request.Query, facet, value);

    /// <summary>An ICS link goes down the tree: a group replaces the chosen one (a chosen group's link removes it).</summary>
    public string IcsLink(string code) =>
        Result.Facets.Ics.Any(i => i.Value == code && i.Selected) ? Toggle("ics", code) : QueryLinks.With("/search", Request.Query, "ics", code);

    public string PageLink(int page) => SearchRequest.WithPage(Request.Query, page);
}
