using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using SesecPortal.Application.Features.Issues;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Issues;

[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class IndexModel(ISender sender) : PageModel
{
    public IReadOnlyList<ListIssues.Result> Issues { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Issues = await sender.Send(new ListIssues.Query(), ct);
}
