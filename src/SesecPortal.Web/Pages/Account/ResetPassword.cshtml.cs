using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SesecPortal.Application.Features.Accounts;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Account;

[AllowAnonymous]
[EnableRateLimiting(Accounts.SignInRateLimit)]
public sealed class ResetPasswordModel(ISender sender) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    [TempData] public string? StatusMessage { get; set; }

    public sealed class InputModel
    {
        public string? Email { get; set; } = "";
        public string? Code { get; set; } = "";
        public string? Password { get; set; } = "";
        public string? ConfirmPassword { get; set; } = "";
    }

    public IActionResult OnGet(string? email, string? code)
    {
        if (string.IsNullOrEmpty(email) || string.IsNullOrEmpty(code))
        {
            return BadRequest();
        }

        Input = new InputModel { Email = email, Code = code };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Input.Password != Input.ConfirmPassword)
        {
            ModelState.AddModelError("Input.ConfirmPassword", "The two passwords are not the same.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        try
        {
            await sender.Send(new ResetPassword.Command(Input.Email ?? "", Input.Code ?? "", Input.Password ?? ""), ct);
        }
        catch (ValidationException ex)
        {
            ModelState.AddValidationErrors(ex, nameof(Input));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        StatusMessage = "Your password was changed. Sign in with the new one.";
        return RedirectToPage("SignIn");
    }
}
