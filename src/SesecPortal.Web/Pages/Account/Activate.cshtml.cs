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

/// <summary>The sign-up and invitation link: confirms the address and lets the new member choose their password, then signs them in.</summary>
[AllowAnonymous]
[EnableRateLimiting(Accounts.SignInRateLimit)]
public sealed class ActivateModel(ISender sender, UserManager<PortalUser> users, SignInManager<PortalUser> signIn) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")] public string? UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty] public string? Password { get; set; } = "";
    [BindProperty] public string? ConfirmPassword { get; set; } = "";
    [TempData] public string? StatusMessage { get; set; }
    public ActivateAccount.Link? Link { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Link = await sender.Send(new ActivateAccount.Query(UserId ?? "", Code ?? ""), ct);
        if (Link is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Link = await sender.Send(new ActivateAccount.Query(UserId ?? "", Code ?? ""), ct);
        if (Link is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (Password != ConfirmPassword)
        {
            ModelState.AddModelError(nameof(ConfirmPassword), "The two passwords are not the same.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        string userId;
        try
        {
            userId = await sender.Send(new ActivateAccount.Command(UserId!, Code!, Password ?? ""), ct);
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

        await signIn.SignInAsync((await users.FindByIdAsync(userId))!, isPersistent: false);
        StatusMessage = Link.Invited ? "Welcome to SesecPortal: your account is ready." : "Your address is confirmed and your account is ready. Welcome to SesecPortal.";
        return LocalRedirect("/account/manage");
    }
}
