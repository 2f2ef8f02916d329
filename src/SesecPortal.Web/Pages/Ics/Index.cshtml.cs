using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using SesecPortal.Application.Features.Standards;
using SesecPortal.Web.Endpoints;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Ics;

/// <summary>
/// The ICS tree with the number of standards at every level (<c>/ics</c>), and each group (<c>/ics/35.240</c>): the
/// groups below it and its standards (every one classified in it or below), with the standards finder's filters.
/// </summary>
[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class IndexModel(ISender sender) : PageModel
{
    /// <summary>The finder's filters an ICS page offers (the ICS itself is the page).</summary>
    public static readonly string[] FilterKeys = ["sector", "level", "status", "year", "committee", "ccs"];

    public BrowseIcs.Result Tree { get; private set; } = null!;

    /// <summary>The group's standards; null on the tree's top page.</summary>
    public FindStandards.Result? Standards { get; private set; }

    public string Path => Tree.Current is { } g ? $"/ics/{g.Code}" : "/ics";

    public async Task<IActionResult> OnGetAsync(string? code, CancellationToken ct)
    {
        var tree = await sender.Send(new BrowseIcs.Query(code), ct);
        if (tree is null)
        {
            return NotFound();
        }

        Tree = tree;
        if (tree.Current is { } group)
        {
            Standards = await sender.Send(OpenDataApi.StandardsQuery(Request.Query) with { Ics = [group.Code] }, ct);
        }

        return Page();
    }

    public string Toggle(string key, string value) => QueryLinks.Toggle(Path, Request.Query, key, value);

    public string PageLink(int page) => QueryLinks.WithPage(Path, Request.Query, page);

    /// <summary>The group's standards in the finder, with this page's filters.</summary>
    public string FinderLink => QueryLinks.With("/standards", Request.Query, "ics", Tree.Current!.Code);
}
