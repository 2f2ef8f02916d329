using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SesecPortal.Application.Features.Accounts;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Account.Manage;

public sealed class EmailModel(ISender sender) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    public string Current { get; private set; } = "";
    public bool Sent { get; private set; }

    public sealed class InputModel
    {
        public string? NewEmail { get; set; } = "";
        public string? Password { get; set; } = "";
    }

    public async Task OnGetAsync(CancellationToken ct) => Current = (await sender.Send(new GetMyAccount.Query(), ct)).Email;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Current = (await sender.Send(new GetMyAccount.Query(), ct)).Email;
        try
        {
            await sender.Send(new ChangeEmail.Command(Input.NewEmail ?? "", Input.Password ?? ""), ct);
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
