using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using SesecPortal.Application.Features.Sectors;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Sectors;

[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class IndexModel(ISender sender) : PageModel
{
    public IReadOnlyList<ListSectors.Result> Sectors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Sectors = await sender.Send(new ListSectors.Query(), ct);
}
