using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using SesecPortal.Application.Features.Home;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages;

[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class IndexModel(ISender sender) : PageModel
{
    public GetHome.Result Home { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Home = await sender.Send(new GetHome.Query(), ct);
}
