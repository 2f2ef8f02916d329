using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Accounts;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Account;

/// <summary>The link sent to a new address: one button confirms it (a link scanner's GET changes nothing).</summary>
[AllowAnonymous]
[EnableRateLimiting(Accounts.SignInRateLimit)]
public sealed class ConfirmEmailChangeModel(ISender sender, UserManager<PortalUser> users, SignInManager<PortalUser> signIn) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")] public string? UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Email { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [TempData] public string? StatusMessage { get; set; }
    public string? Error { get; private set; }

    public IActionResult OnGet()
    {
        if (string.IsNullOrEmpty(UserId) || string.IsNullOrEmpty(Email) || string.IsNullOrEmpty(Code))
        {
            Error = ConfirmEmailChange.ExpiredMessage;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            await sender.Send(new ConfirmEmailChange.Command(UserId ?? "", Email ?? "", Code ?? ""), ct);
        }
        catch (ValidationException ex)
        {
            Error = string.Join(" ", ex.Errors.Select(e => e.ErrorMessage));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (signIn.IsSignedIn(User) && await users.GetUserAsync(User) is { } me && me.Id == UserId)
        {
            await signIn.RefreshSignInAsync(me);
            StatusMessage = $"Your address is now {Email}.";
            return LocalRedirect("/account/manage");
        }

        StatusMessage = $"Your address is now {Email}. Sign in with it.";
        return RedirectToPage("SignIn");
    }
}
