using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SesecPortal.Application.Features.Issues;

namespace SesecPortal.Web.Pages.Editor.Issues;

/// <summary>The issue as readers will see it once published (or its print edition), whether or not it is published yet.</summary>
public sealed class PreviewModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)] public bool Print { get; set; }
    public int Id { get; private set; }
    public GetIssue.Result? Issue { get; private set; }
    public GetIssueForPrint.Result? PrintEdition { get; private set; }

    /// <summary>The sections without articles: flagged here, left out of the published issue and its print edition.</summary>
    public IReadOnlyList<string> EmptySections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        Id = id;
        var editing = await sender.Send(new GetIssueForEditing.Query(id), ct);
        if (editing is null)
        {
            return NotFound();
        }

        EmptySections = [.. editing.Sections.Where(s => s.Empty).Select(s => s.Title)];
        if (Print)
        {
            PrintEdition = await sender.Send(new GetIssueForPrint.Query(editing.Slug, Preview: true), ct);
        }
        else
        {
            Issue = await sender.Send(new GetIssue.Query(editing.Slug, Preview: true), ct);
        }

        return Page();
    }
}
