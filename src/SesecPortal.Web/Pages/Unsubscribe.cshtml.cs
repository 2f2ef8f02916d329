using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SesecPortal.Application.Features.Newsletter;

namespace SesecPortal.Web.Pages;

/// <summary>
/// One-click unsubscribe (RFC 8058). A mail client posts <c>List-Unsubscribe=One-Click</c> to the address in the
/// message's <c>List-Unsubscribe</c> header, without cookies or a form token: the signed token in the address is the
/// proof, so antiforgery does not apply here. A person who follows the link sees what it stops and one button (a GET
/// changes nothing, so link scanners cannot unsubscribe anyone).
/// </summary>
[AllowAnonymous]
// Order 1001: after the antiforgery filter every page gets (Program.cs), so this policy is the one that applies.
[IgnoreAntiforgeryToken(Order = 1001)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class UnsubscribeModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    public Unsubscribe.Target? Target { get; private set; }
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Target = await sender.Send(new Unsubscribe.Query(Token), ct);
        if (Target is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Target = await sender.Send(new Unsubscribe.Command(Token), ct);
        if (Target is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Done = true;
        return Page();
    }
}
