using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using SesecPortal.Application.Common;
using SesecPortal.Application.Domain;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Account;

/// <summary>Sends a reset link. The answer is the same whether or not the account exists, so it reveals no addresses.</summary>
[AllowAnonymous]
[EnableRateLimiting(Accounts.SignInRateLimit)]
public sealed class ForgotPasswordModel(UserManager<PortalUser> users, IEmailSender email) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    public bool Sent { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter an e-mail address like name@example.com.")]
        [Display(Name = "E-mail")]
        public string Email { get; set; } = "";
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is not null)
        {
            var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
            var link = $"{Request.Scheme}://{Request.Host}/account/reset-password?email={Uri.EscapeDataString(user.Email!)}&code={token}";
            await email.SendAsync(user.Email!, "Reset your SesecPortal password",
                $"Someone asked to reset the password of your SesecPortal account. If it was you, open this link within two hours:\n\n{link}\n\nIf it was not you, ignore this message.", ct);
        }

        Sent = true;
        return Page();
    }
}
