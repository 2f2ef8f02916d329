using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SesecPortal.Application.Features.Accounts;

namespace SesecPortal.Web.Pages.Account.Manage;

/// <summary>"My account": who is signed in, their preferences in a sentence, and the ways to change anything.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class IndexModel(ISender sender) : PageModel
{
    public ExportMyData.AccountData Account { get; private set; } = null!;
    public GetPreferences.Result Preferences { get; private set; } = null!;
    [TempData] public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Account = await sender.Send(new GetMyAccount.Query(), ct);
        Preferences = await sender.Send(new GetPreferences.Query(), ct);
    }
}
