using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Accounts;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Admin.Users;

/// <summary>An admin invites an editor or a member by e-mail; the invited person chooses their own password.</summary>
public sealed class InviteModel(ISender sender) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    [TempData] public string? StatusMessage { get; set; }

    public sealed class InputModel
    {
        public string? Email { get; set; } = "";
        public string? DisplayName { get; set; }
        public string? Role { get; set; } = Roles.Member;
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            await sender.Send(new InviteUser.Command(Input.Email ?? "", Input.DisplayName, Input.Role ?? ""), ct);
        }
        catch (ValidationException ex)
        {
            ModelState.AddValidationErrors(ex, nameof(Input));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        StatusMessage = $"Invitation sent to {Input.Email!.Trim()}: the link works for 7 days.";
        return RedirectToPage("Index");
    }
}
