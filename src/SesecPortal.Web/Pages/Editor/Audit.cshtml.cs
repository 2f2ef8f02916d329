using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Web.Pages.Editor;

public sealed class AuditModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "user")] public string? By { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;
    public ListAuditEntries.Result Result { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        ItemKind? kind = Enum.TryParse<ItemKind>(Kind, ignoreCase: true, out var k) ? k : null;
        Result = await sender.Send(new ListAuditEntries.Query(kind, By, Math.Max(1, PageNumber)), ct);
    }

    public static string UrlOf(ItemKind kind, int? id) => id is null ? "" : kind switch
    {
        ItemKind.Article => $"/editor/articles/{id}",
        ItemKind.Issue => $"/editor/issues/{id}",
        ItemKind.Policy => $"/editor/policies/{id}",
        ItemKind.Standard => $"/editor/standards/{id}",
        ItemKind.WorkingGroup => $"/editor/working-groups/{id}",
        ItemKind.Organisation => $"/editor/organisations/{id}",
        ItemKind.Sector => $"/editor/sectors/{id}",
        _ => "",
    };
}
