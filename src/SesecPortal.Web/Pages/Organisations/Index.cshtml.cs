using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using SesecPortal.Application.Features.Organisations;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Organisations;

[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class IndexModel(ISender sender) : PageModel
{
    public IReadOnlyList<ListOrganisations.Result> Groups { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Groups = await sender.Send(new ListOrganisations.Query(), ct);
}
