using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SesecPortal.Application.Features.Newsletter;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Newsletter;

/// <summary>Anyone subscribes to the newsletter with an address (double opt-in); the same answer for every address.</summary>
[AllowAnonymous]
[EnableRateLimiting(Accounts.SignInRateLimit)]
public sealed class IndexModel(ISender sender, BotTrap trap) : PageModel
{
    [BindProperty] public string? Email { get; set; } = "";
    [BindProperty] public string? Website { get; set; }
    [BindProperty] public string? FormStamp { get; set; }
    public string Stamp { get; private set; } = "";
    public bool Sent { get; private set; }

    public void OnGet() => Stamp = trap.Stamp();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Stamp = trap.Stamp();
        try
        {
            var command = new Subscribe.Command(Email ?? "");
            await new Subscribe.Validator().ValidateAndThrowAsync(command, ct);
            if (!trap.Caught(Website, FormStamp))
            {
                await sender.Send(command, ct);
            }
        }
        catch (ValidationException ex)
        {
            foreach (var error in ex.Errors)
            {
                ModelState.AddModelError(nameof(Email), error.ErrorMessage);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Sent = true;
        return Page();
    }
}
