using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Accounts;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Account.Manage;

public sealed class PasswordModel(ISender sender, UserManager<PortalUser> users, SignInManager<PortalUser> signIn) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    [TempData] public string? StatusMessage { get; set; }

    public sealed class InputModel
    {
        public string? CurrentPassword { get; set; } = "";
        public string? NewPassword { get; set; } = "";
        public string? ConfirmPassword { get; set; } = "";
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Input.NewPassword != Input.ConfirmPassword)
        {
            ModelState.AddModelError("Input.ConfirmPassword", "The two new passwords are not the same.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        try
        {
            await sender.Send(new ChangePassword.Command(Input.CurrentPassword ?? "", Input.NewPassword ?? ""), ct);
        }
        catch (ValidationException ex)
        {
            ModelState.AddValidationErrors(ex, nameof(Input));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // The password change renewed the account's security stamp: renew this browser's sign-in with it.
        await signIn.RefreshSignInAsync((await users.GetUserAsync(User))!);
        StatusMessage = "Your password was changed.";
        return RedirectToPage("Index");
    }
}
