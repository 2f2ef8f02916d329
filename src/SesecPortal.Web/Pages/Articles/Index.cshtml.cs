using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using SesecPortal.Application.Features.Articles;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Articles;

/// <summary>Every published article, with filters as links, so a list can be bookmarked, shared and downloaded as it is.</summary>
[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class IndexModel(ISender sender) : PageModel
{
    public static readonly string[] FilterKeys = ["sector", "issue", "year", "tag"];

    public FindArticles.Result Result { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Result = await sender.Send(Query(Request.Query), ct);

    public static FindArticles.Query Query(IQueryCollection q) => new(
        Sector: q["sector"].ToArray()!, Issue: q["issue"].ToArray()!, Year: q["year"].ToArray()!, Tag: q["tag"].ToArray()!,
        Sort: q["sort"].ToString(), Page: q["page"].ToString());

    public string Toggle(string key, string value) => QueryLinks.Toggle("/articles", Request.Query, key, value);

    public string PageLink(int page) => QueryLinks.WithPage("/articles", Request.Query, page);

    public string SortLink(string sort) => QueryLinks.With("/articles", Request.Query, "sort", sort);

    public string CsvLink => QueryLinks.Carrying("/api/v1/articles.csv", Request.Query, [.. FilterKeys, "sort"]);

    /// <summary>The same list as JSON, this page of it (the read API pages as the list does).</summary>
    public string JsonLink => QueryLinks.Carrying("/api/v1/articles", Request.Query, [.. FilterKeys, "sort", "page"]);
}
