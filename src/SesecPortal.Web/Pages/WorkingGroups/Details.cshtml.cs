using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.WorkingGroups;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.WorkingGroups;

[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class DetailsModel(ISender sender) : ItemPage<GetWorkingGroup.Result>(sender)
{
    protected override ItemKind? MovableKind => ItemKind.WorkingGroup;

    /// <summary>Secretariat contacts are personal data: only signed-in readers see them.</summary>
    public Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) =>
        ShowAsync(slug, s => new GetWorkingGroup.Query(s, IncludeContacts: User.Identity?.IsAuthenticated == true), ct);
}
