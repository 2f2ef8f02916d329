using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using SesecPortal.Application.Features.Articles;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Articles;

[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class DetailsModel(ISender sender) : ItemPage<GetArticle.Result>(sender)
{
    public Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) => ShowAsync(slug, s => new GetArticle.Query(s), ct);
}
