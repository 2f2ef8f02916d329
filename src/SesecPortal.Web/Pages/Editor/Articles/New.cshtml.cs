using Mediator;
using Microsoft.AspNetCore.Mvc;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Web.Pages.Editor.Articles;

public sealed class NewModel(ISender sender) : ArticleFormPage(sender)
{
    public async Task OnGetAsync(CancellationToken ct) => Sectors = await Sender.Send(new GetArticleForEditing.SectorsQuery(), ct);

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        Sectors = await Sender.Send(new GetArticleForEditing.SectorsQuery(), ct);
        Input.ArticleId = null;
        await ShowPreviewAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        Input.ArticleId = null;
        Input.RevisionId = null;
        var saved = await TrySaveAsync(ct);
        if (saved is null)
        {
            Sectors = await Sender.Send(new GetArticleForEditing.SectorsQuery(), ct);
            return Page();
        }

        StatusMessage = "Draft saved. Submit it for review when it is ready.";
        return RedirectToPage("Edit", new { id = saved.ArticleId });
    }
}
