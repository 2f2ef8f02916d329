using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Web.Pages.Editor;

public sealed class IndexModel(ISender sender) : PageModel
{
    public GetEditorDashboard.Result Dashboard { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Dashboard = await sender.Send(new GetEditorDashboard.Query(), ct);
}
