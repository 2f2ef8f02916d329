using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Organisations;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Organisations;

[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class DetailsModel(ISender sender) : ItemPage<GetOrganisation.Result>(sender)
{
    protected override ItemKind? MovableKind => ItemKind.Organisation;

    public Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) => ShowAsync(slug, s => new GetOrganisation.Query(s), ct);
}
