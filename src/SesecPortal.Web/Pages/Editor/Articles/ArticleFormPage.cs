using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SesecPortal.Application.Common;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Editor.Articles;

/// <summary>What the new-article and edit-article pages share: the form, its preview without JavaScript, and saving.</summary>
public abstract class ArticleFormPage(ISender sender) : PageModel
{
    protected ISender Sender { get; } = sender;

    [BindProperty] public SaveArticle.Command Input { get; set; } = new();
    [TempData] public string? StatusMessage { get; set; }

    public IReadOnlyList<Link> Sectors { get; protected set; } = [];
    public PreviewMarkdown.Result? Preview { get; private set; }
    public ConcurrencyConflictException? Conflict { get; protected set; }
    public bool ShowSlug { get; protected set; } = true;
    public bool ShowCorrectionNote { get; protected set; }

    /// <summary>The form offers "Save and submit for review": what is typed is saved, then submitted, in one click.</summary>
    public bool CanSubmitForReview { get; protected set; }

    /// <summary>Renders the body as readers will see it; nothing is saved.</summary>
    protected async Task ShowPreviewAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Preview = await Sender.Send(new PreviewMarkdown.Query(Input.Body), ct);
    }

    /// <summary>Saves, or shows why not: 400 with messages for bad input, 409 with both versions for a conflict.</summary>
    protected async Task<SaveArticle.Result?> TrySaveAsync(CancellationToken ct)
    {
        try
        {
            return await Sender.Send(Input, ct);
        }
        catch (ValidationException ex)
        {
            ModelState.AddValidationErrors(ex, nameof(Input));
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (ConcurrencyConflictException ex)
        {
            Conflict = ex;
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        catch (WorkflowException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            Response.StatusCode = StatusCodes.Status409Conflict;
        }

        return null;
    }
}
