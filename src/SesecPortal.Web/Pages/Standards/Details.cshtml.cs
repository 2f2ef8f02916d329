using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Standards;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Standards;

[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class DetailsModel(ISender sender) : ItemPage<GetStandard.Result>(sender)
{
    protected override ItemKind? MovableKind => ItemKind.Standard;

    public Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) => ShowAsync(slug, s => new GetStandard.Query(s), ct);
}
