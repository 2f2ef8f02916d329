using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Policies;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Policies;

[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class DetailsModel(ISender sender) : ItemPage<GetPolicy.Result>(sender)
{
    protected override ItemKind? MovableKind => ItemKind.Policy;

    public Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) => ShowAsync(slug, s => new GetPolicy.Query(s), ct);
}
