using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Web.Pages.Editor;

/// <summary>An editor's searchable, paged list of one kind of reference data.</summary>
public abstract class ReferenceListPage(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [TempData] public string? StatusMessage { get; set; }

    public EditorList List { get; private set; } = null!;

    /// <summary>/editor/policies...</summary>
    public abstract string Area { get; }

    public abstract string Heading { get; }

    /// <summary>"Add a policy".</summary>
    public abstract string AddLabel { get; }

    protected abstract IQuery<EditorList> ListQuery(string? search, int page);

    public async Task OnGetAsync(CancellationToken ct) => List = await sender.Send(ListQuery(Search, PageNumber), ct);
}
