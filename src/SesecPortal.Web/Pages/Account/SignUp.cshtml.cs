using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SesecPortal.Application.Features.Accounts;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Account;

/// <summary>
/// Joining as a member: an address (and a name), then the link mailed to it to confirm and choose a password. The answer
/// is the same for every address; rate-limited per client; a bot trap instead of a captcha.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(Accounts.SignInRateLimit)]
public sealed class SignUpModel(ISender sender, BotTrap trap) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty] public string? Website { get; set; }
    [BindProperty] public string? FormStamp { get; set; }
    public bool Sent { get; private set; }
    public string Stamp { get; private set; } = "";

    public sealed class InputModel
    {
        public string? Email { get; set; } = "";
        public string? DisplayName { get; set; }
    }

    public void OnGet() => Stamp = trap.Stamp();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Stamp = trap.Stamp();
        try
        {
            // Validation first, so a bot's bad address is told the same as a person's.
            var command = new SignUp.Command(Input.Email ?? "", Input.DisplayName);
            await new SignUp.Validator().ValidateAndThrowAsync(command, ct);
            if (!trap.Caught(Website, FormStamp))
            {
                await sender.Send(command, ct);
            }
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
