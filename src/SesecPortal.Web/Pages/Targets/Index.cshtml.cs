using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using SesecPortal.Application.Features.Targets;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Targets;

[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class IndexModel(ISender sender) : PageModel
{
    public ListTargets.Result Result { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) =>
        Result = await sender.Send(new ListTargets.Query(Request.Query["sector"].ToArray()!, Request.Query["year"].ToArray()!), ct);

    public string Toggle(string key, string value) => QueryLinks.Toggle("/targets", Request.Query, key, value);
}
