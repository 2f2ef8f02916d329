using System.Security.Claims;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using SesecPortal.Application.Common;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Web.Pages.Editor.Articles;

/// <summary>
/// One article: its open revision's text and the workflow (submit, approve or schedule, send back, publish, unpublish,
/// discard). Saving a published article starts a revision; readers keep the live text until it is published.
/// </summary>
public sealed class EditModel(ISender sender) : ArticleFormPage(sender)
{
    public GetArticleForEditing.Result Article { get; private set; } = null!;

    /// <summary>This editor may approve the open revision: anyone but its author, or an admin (the workflow's rule).</summary>
    public bool MayApprove => Article.Open is { } open
        && (User.IsInRole(Roles.Admin) || open.AuthorId is null || open.AuthorId != User.FindFirstValue(System.Security.Claims.ClaimTypes.NameIdentifier));
    public string? ActionError { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Input = Article.Form;
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Input.ArticleId = id;
        await ShowPreviewAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int id, CancellationToken ct)
    {
        Input.ArticleId = id;
        SaveArticle.Result? saved;
        try
        {
            saved = await TrySaveAsync(ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        if (saved is null)
        {
            if (!await LoadAsync(id, ct))
            {
                return NotFound();
            }

            if (Conflict is not null)
            {
                // Keep what the editor typed; point the form at the revision as stored now, so saving again overwrites it knowingly.
                Input.RevisionId = Article.Open?.Id;
                Input.Version = Article.Open?.Version ?? 0;
                ModelState.Remove($"{nameof(Input)}.{nameof(Input.RevisionId)}");
                ModelState.Remove($"{nameof(Input)}.{nameof(Input.Version)}");
            }

            return Page();
        }

        StatusMessage = "Saved as a draft." + (Article?.Online == true ? " Readers still see the published text until this revision is approved and published." : "");
        return RedirectToPage("Edit", new { id });
    }

    /// <summary>Saves what is in the form, then submits that revision for review: nothing typed is left behind.</summary>
    public async Task<IActionResult> OnPostSaveAndSubmitAsync(int id, CancellationToken ct)
    {
        var result = await OnPostSaveAsync(id, ct);
        if (result is not RedirectToPageResult)
        {
            return result;   // not saved (a problem in the form, a conflict): the page says why, with the text kept
        }

        if (!await LoadAsync(id, ct) || Article.Open is not { } open)
        {
            return result;
        }

        return await ActAsync(id, () => Sender.Send(new ReviewArticle.Command
        {
            ArticleId = id, RevisionId = open.Id, Version = open.Version, Do = ReviewArticle.Action.Submit,
        }, ct).AsTask(), "Saved and submitted for review. Another editor can now approve it.", ct);
    }

    public async Task<IActionResult> OnPostReviewAsync(int id, int revisionId, uint version, ReviewArticle.Action @do, string? comment, DateTime? scheduledFor, CancellationToken ct)
    {
        var command = new ReviewArticle.Command
        {
            ArticleId = id, RevisionId = revisionId, Version = version, Do = @do, Comment = comment,
            ScheduledFor = scheduledFor is { } s ? new DateTimeOffset(DateTime.SpecifyKind(s, DateTimeKind.Utc)) : null,
        };
        return await ActAsync(id, () => Sender.Send(command, ct).AsTask(), @do switch
        {
            ReviewArticle.Action.Submit => "Submitted for review. Another editor can now approve it.",
            ReviewArticle.Action.Approve => scheduledFor is null ? "Approved. Publish it when you are ready." : "Approved and scheduled.",
            ReviewArticle.Action.SendBack => "Sent back to draft with your comment.",
            _ => "Revision discarded. It stays in the history.",
        }, ct);
    }

    public Task<IActionResult> OnPostPublishAsync(int id, int revisionId, uint version, CancellationToken ct) =>
        ActAsync(id, () => Sender.Send(new PublishArticle.Command(id, revisionId, version), ct).AsTask(), "Published: readers see it now.", ct);

    public Task<IActionResult> OnPostUnpublishAsync(int id, CancellationToken ct) =>
        ActAsync(id, () => Sender.Send(new UnpublishArticle.Command(id), ct).AsTask(), "Unpublished: readers no longer see it. Publish it again from here.", ct);

    private async Task<IActionResult> ActAsync(int id, Func<Task> act, string done, CancellationToken ct)
    {
        try
        {
            await act();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (Exception ex) when (ex is WorkflowException or ValidationException)
        {
            if (!await LoadAsync(id, ct))
            {
                return NotFound();
            }

            Input = Article.Form;
            ActionError = ex is ValidationException v ? string.Join(" ", v.Errors.Select(e => e.ErrorMessage)) : ex.Message;
            Response.StatusCode = ex is WorkflowException ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            return Page();
        }

        StatusMessage = done;
        return RedirectToPage("Edit", new { id });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var article = await Sender.Send(new GetArticleForEditing.Query(id), ct);
        if (article is null)
        {
            return false;
        }

        Article = article;
        Sectors = article.Sectors;
        ShowSlug = article.PublishedOn is null && !article.Online;
        ShowCorrectionNote = article.Online || article.PublishedOn is not null;
        CanSubmitForReview = article.Open is null || article.Open.State == RevisionState.Draft;
        return true;
    }

    public bool CurrentUserWrote => Article.Open?.AuthorId is { } author && author == User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;

    public static string StateLabel(RevisionState state) => Labels.Of(state);
}
