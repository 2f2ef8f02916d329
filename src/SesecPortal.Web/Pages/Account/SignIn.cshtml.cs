using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Account;

[AllowAnonymous]
[EnableRateLimiting(Accounts.SignInRateLimit)]
public sealed class SignInModel(SignInManager<PortalUser> signIn, ILogger<SignInModel> logger) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [TempData] public string? StatusMessage { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter an e-mail address like name@example.com.")]
        [Display(Name = "E-mail")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = "";

        [Display(Name = "Keep me signed in on this device")]
        public bool RememberMe { get; set; }
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("Signed in {Email}", Input.Email);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("Sign-in refused, account locked: {Email}", Input.Email);
            ModelState.AddModelError(string.Empty, "This account is locked after too many failed attempts. Try again in 15 minutes, or reset your password.");
        }
        else
        {
            logger.LogWarning("Sign-in failed for {Email}", Input.Email);
            ModelState.AddModelError(string.Empty, "The e-mail address or the password is not right.");
        }

        // The same answer for an unknown address and a wrong password: nothing tells which accounts exist.
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
