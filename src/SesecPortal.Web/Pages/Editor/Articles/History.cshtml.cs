using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Web.Pages.Editor.Articles;

public sealed class HistoryModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? From { get; set; }
    [BindProperty(SupportsGet = true)] public int? To { get; set; }
    public GetArticleHistory.Result History { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var history = await sender.Send(new GetArticleHistory.Query(id, From, To), ct);
        if (history is null)
        {
            return NotFound();
        }

        History = history;
        if (From is not null && To is not null && history.Diff is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }
}
