using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SesecPortal.Application.Common;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Issues;
using SesecPortal.Application.Features.Newsletter;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Editor.Issues;

/// <summary>
/// The issue builder: the issue's details, its sections and their articles (ordered with buttons, or by drag and drop
/// with JavaScript), its takeaways, a preview, and publishing the whole issue at once.
/// </summary>
public sealed class EditModel(ISender sender) : PageModel
{
    public GetIssueForEditing.Result Issue { get; private set; } = null!;
    [BindProperty] public EditIssue.Command Input { get; set; } = new();
    [TempData] public string? StatusMessage { get; set; }
    public string? ActionError { get; private set; }
    public ConcurrencyConflictException? Conflict { get; private set; }
    public GetIssueMailing.Result Mailing { get; private set; } = new(0, 0, 0, 0);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Input = new EditIssue.Command
        {
            Id = Issue.Id, Version = Issue.Version, Title = Issue.Title, Number = Issue.Number,
            PeriodStart = Issue.PeriodStart, PeriodEnd = Issue.PeriodEnd, About = Issue.About,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostDetailsAsync(int id, CancellationToken ct)
    {
        Input.Id = id;
        try
        {
            await sender.Send(Input, ct);
            StatusMessage = "Issue details saved.";
            return RedirectToPage("Edit", new { id });
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (ValidationException ex)
        {
            ModelState.AddValidationErrors(ex, nameof(Input));
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (ConcurrencyConflictException ex)
        {
            Conflict = ex;
            Input.Version = ex.StoredVersion;
            ModelState.Remove($"{nameof(Input)}.{nameof(Input.Version)}");
            Response.StatusCode = StatusCodes.Status409Conflict;
        }

        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostArrangeAsync(int id, [FromForm] ArrangeIssue.Command arrange, CancellationToken ct)
    {
        arrange.IssueId = id;
        return ActAsync(id, () => sender.Send(arrange, ct).AsTask(), null, ct);
    }

    public Task<IActionResult> OnPostPublishAsync(int id, uint version, CancellationToken ct) =>
        ActAsync(id, () => sender.Send(new PublishIssue.Command(id, version), ct).AsTask(), "Published: the issue and all its articles are online now.", ct);

    public async Task<IActionResult> OnPostSendTestAsync(int id, CancellationToken ct)
    {
        try
        {
            var to = await sender.Send(new SendIssueTest.Command(id), ct);
            StatusMessage = $"A test of the newsletter is on its way to {to}.";
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        return Redirect($"/editor/issues/{id}#newsletter");
    }

    public Task<IActionResult> OnPostUnpublishAsync(int id, CancellationToken ct) =>
        ActAsync(id, () => sender.Send(new UnpublishIssue.Command(id), ct).AsTask(), "Unpublished: the issue and its articles are offline. Publish it again from here.", ct);

    private async Task<IActionResult> ActAsync(int id, Func<Task> act, string? done, CancellationToken ct)
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

            Input = new EditIssue.Command
            {
                Id = Issue.Id, Version = Issue.Version, Title = Issue.Title, Number = Issue.Number,
                PeriodStart = Issue.PeriodStart, PeriodEnd = Issue.PeriodEnd, About = Issue.About,
            };
            ModelState.Clear();
            ActionError = ex is ValidationException v ? string.Join(" ", v.Errors.Select(e => e.ErrorMessage)) : ex.Message;
            Response.StatusCode = ex is WorkflowException ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            return Page();
        }

        StatusMessage = done;
        return done is null ? Redirect($"/editor/issues/{id}#arrange") : RedirectToPage("Edit", new { id });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var issue = await sender.Send(new GetIssueForEditing.Query(id), ct);
        Issue = issue!;
        if (issue is not null)
        {
            Mailing = await sender.Send(new GetIssueMailing.Query(id), ct);
        }

        return issue is not null;
    }

    public static string StateOf(GetIssueForEditing.ArticleRow a) =>
        a.Online ? (a.OpenState is { } s ? $"Online; revision {Labels.Of(s).ToLowerInvariant()}" : "Online")
        : a.OpenState is { } open ? Labels.Of(open) : "Not ready";
}
