using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SesecPortal.Application.Features.Accounts;

namespace SesecPortal.Web.Pages.Admin.Users;

public sealed class IndexModel(ISender sender) : PageModel
{
    public IReadOnlyList<ListUsers.Result> Users { get; private set; } = [];
    [TempData] public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Users = await sender.Send(new ListUsers.Query(), ct);
}
