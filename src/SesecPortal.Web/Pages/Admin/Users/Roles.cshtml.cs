using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SesecPortal.Application.Common;
using SesecPortal.Application.Features.Accounts;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Admin.Users;

public sealed class RolesModel(ISender sender) : PageModel
{
    public ListUsers.Result Account { get; private set; } = null!;
    [BindProperty] public List<string> Roles { get; set; } = [];
    [TempData] public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Roles = [.. Account.Roles];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        try
        {
            await sender.Send(new ChangeUserRoles.Command(id, Roles ?? []), ct);
        }
        catch (ValidationException ex)
        {
            ModelState.AddValidationErrors(ex, "Input");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        StatusMessage = $"Roles of {Account.Email} saved.";
        return RedirectToPage("Index");
    }

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        var user = (await sender.Send(new ListUsers.Query(), ct)).FirstOrDefault(u => u.Id == id);
        Account = user!;
        return user is not null;
    }
}
