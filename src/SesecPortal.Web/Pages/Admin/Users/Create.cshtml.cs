using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Accounts;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Admin.Users;

public sealed class CreateModel(ISender sender) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    [TempData] public string? StatusMessage { get; set; }

    public sealed class InputModel
    {
        public string Email { get; set; } = "";
        public string? DisplayName { get; set; }
        public string Password { get; set; } = "";
        public List<string> Roles { get; set; } = [SesecPortal.Application.Domain.Roles.Member];
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            await sender.Send(new CreateUser.Command(Input.Email ?? "", Input.DisplayName, Input.Password ?? "", Input.Roles ?? []), ct);
        }
        catch (ValidationException ex)
        {
            ModelState.AddValidationErrors(ex, nameof(Input));
            return Page();
        }

        StatusMessage = $"Created {Input.Email}.";
        return RedirectToPage("Index");
    }

    public static IReadOnlyList<string> AllRoles => Roles.All;
}
