using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SesecPortal.Application.Features.Issues;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Editor.Issues;

/// <summary>The issues, and the next one proposed from the last (title, number, period), ready to create.</summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    public IReadOnlyList<ListIssuesForEditing.Row> Issues { get; private set; } = [];
    [BindProperty] public CreateIssue.Command Input { get; set; } = new();
    [TempData] public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Issues = await sender.Send(new ListIssuesForEditing.Query(), ct);
        Input = await sender.Send(new ProposeNextIssue.Query(), ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var id = await sender.Send(Input, ct);
            StatusMessage = $"Issue “{Input.Title}” created with the sections of the last issue. Add approved articles to it.";
            return RedirectToPage("Edit", new { id });
        }
        catch (ValidationException ex)
        {
            ModelState.AddValidationErrors(ex, nameof(Input));
            Issues = await sender.Send(new ListIssuesForEditing.Query(), ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }
}
