using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SesecPortal.Application.Common;
using SesecPortal.Application.Features.Accounts;

namespace SesecPortal.Web.Pages.Admin.Users;

public sealed class IndexModel(ISender sender) : PageModel
{
    public IReadOnlyList<ListUsers.Result> Users { get; private set; } = [];
    [TempData] public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Users = await sender.Send(new ListUsers.Query(), ct);

    public async Task<IActionResult> OnPostResendAsync(string id, CancellationToken ct)
    {
        try
        {
            await sender.Send(new ResendInvitation.Command(id), ct);
            StatusMessage = "A new invitation link is sent; the earlier one no longer works.";
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (FluentValidation.ValidationException ex)
        {
            StatusMessage = string.Join(" ", ex.Errors.Select(e => e.ErrorMessage));
        }

        return RedirectToPage();
    }
}
