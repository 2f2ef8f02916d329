using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Web.Pages.Account;

/// <summary>Signing out is a POST (with antiforgery); the GET asks for confirmation, so a link cannot sign anyone out.</summary>
public sealed class SignOutModel(SignInManager<PortalUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
