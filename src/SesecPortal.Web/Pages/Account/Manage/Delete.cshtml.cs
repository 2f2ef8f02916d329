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

public sealed class DeleteModel(ISender sender, SignInManager<PortalUser> signIn) : PageModel
{
    [BindProperty] public string? Password { get; set; } = "";
    [TempData] public string? StatusMessage { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            await sender.Send(new DeleteAccount.Command(Password ?? ""), ct);
        }
        catch (ValidationException ex)
        {
            foreach (var error in ex.Errors)
            {
                ModelState.AddModelError(error.PropertyName == "Password" ? nameof(Password) : "", error.ErrorMessage);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await signIn.SignOutAsync();
        StatusMessage = "Your account and your personal data are deleted. Thank you for having used SesecPortal.";
        return RedirectToPage("/Account/SignIn");
    }
}
