using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using SesecPortal.Application.Features.WorkingGroups;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.WorkingGroups;

[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class IndexModel(ISender sender) : PageModel
{
    public IReadOnlyList<ListWorkingGroups.Node> Tree { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Tree = await sender.Send(new ListWorkingGroups.Query(), ct);
}
