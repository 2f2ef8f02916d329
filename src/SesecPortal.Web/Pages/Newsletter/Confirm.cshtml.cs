using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SesecPortal.Application.Features.Newsletter;

namespace SesecPortal.Web.Pages.Newsletter;

/// <summary>The link of the confirmation mail: one button confirms (a link scanner's GET changes nothing).</summary>
[AllowAnonymous]
public sealed class ConfirmModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    public string? Confirmed { get; private set; }
    public string? Error { get; private set; }

    public IActionResult OnGet()
    {
        if (string.IsNullOrWhiteSpace(Token))
        {
            Error = ConfirmSubscription.ExpiredMessage;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            Confirmed = await sender.Send(new ConfirmSubscription.Command(Token ?? ""), ct);
        }
        catch (ValidationException ex)
        {
            Error = string.Join(" ", ex.Errors.Select(e => e.ErrorMessage));
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }
}
