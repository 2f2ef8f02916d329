using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SesecPortal.Application.Features.Accounts;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Account;

/// <summary>Sends a reset link. The answer is the same whether or not the account exists, so it reveals no addresses.</summary>
[AllowAnonymous]
[EnableRateLimiting(Accounts.SignInRateLimit)]
public sealed class ForgotPasswordModel(ISender sender) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    public bool Sent { get; private set; }

    public sealed class InputModel
    {
        public string? Email { get; set; } = "";
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            await sender.Send(new RequestPasswordReset.Command(Input.Email ?? ""), ct);
        }
        catch (ValidationException ex)
        {
            ModelState.AddValidationErrors(ex, nameof(Input));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Sent = true;
        return Page();
    }
}
