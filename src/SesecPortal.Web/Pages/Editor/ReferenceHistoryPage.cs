using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Web.Pages.Editor;

/// <summary>The saved versions of an item, and the differences between any two of them.</summary>
public abstract class ReferenceHistoryPage(ISender sender, ItemKind kind) : PageModel
{
    /// <summary>The older version compared.</summary>
    [BindProperty(SupportsGet = true, Name = "from")] public int? From { get; set; }

    /// <summary>The newer version compared.</summary>
    [BindProperty(SupportsGet = true, Name = "to")] public int? To { get; set; }

    public GetHistory.Result History { get; private set; } = null!;
    public GetHistory.Version? Older { get; private set; }
    public GetHistory.Version? Newer { get; private set; }
    public int Id { get; private set; }

    public abstract string Area { get; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var history = await sender.Send(new GetHistory.Query(kind, id), ct);
        if (history is null)
        {
            return NotFound();
        }

        Id = id;
        History = history;
        var versions = history.Versions;
        Newer = versions.FirstOrDefault(v => v.Number == To) ?? (versions.Count > 0 ? versions[0] : null);
        Older = versions.FirstOrDefault(v => v.Number == From) ?? (versions.Count > 1 ? versions[1] : null);
        if (Older is not null && Newer is not null && Older.Number > Newer.Number)
        {
            (Older, Newer) = (Newer, Older);
        }

        return Page();
    }
}
