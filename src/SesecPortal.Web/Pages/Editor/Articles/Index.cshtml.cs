using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Web.Pages.Editor.Articles;

public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Queue { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;
    public ListArticlesForEditing.Result Result { get; private set; } = null!;

    public static readonly IReadOnlyList<(string? Value, string Label)> Queues =
        [(null, "All"), ("drafts", "Drafts"), ("review", "Waiting for review"), ("approved", "Approved"), ("published", "Online")];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Queues.All(q => q.Value != Queue))
        {
            Queue = null;
        }

        Result = await sender.Send(new ListArticlesForEditing.Query(Queue, Q, Math.Max(1, PageNumber)), ct);
    }
}
