using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Sectors;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Sectors;

[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class DetailsModel(ISender sender) : ItemPage<GetSector.Result>(sender)
{
    protected override ItemKind? MovableKind => ItemKind.Sector;

    public Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) => ShowAsync(slug, s => new GetSector.Query(s), ct);
}
