using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SesecPortal.Application.Common;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Relations;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Editor;

/// <summary>An item's typed relations: the list with remove buttons, and a lookup to add one without JavaScript.</summary>
public abstract class ReferenceRelationsPage(ISender sender, ItemKind kind) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "type")] public RelationType? Type { get; set; }
    [BindProperty(SupportsGet = true, Name = "kind")] public ItemKind? OtherKind { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Find { get; set; }
    [BindProperty(SupportsGet = true, Name = "note")] public string? Note { get; set; }
    [TempData] public string? StatusMessage { get; set; }

    public ListRelations.Result Item { get; private set; } = null!;
    public IReadOnlyList<FindRelationCandidates.Candidate>? Candidates { get; private set; }
    public int Id { get; private set; }
    public ItemKind Kind => kind;

    public abstract string Area { get; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!string.IsNullOrWhiteSpace(Find) && OtherKind is { } other)
        {
            try
            {
                Candidates = await sender.Send(new FindRelationCandidates.Query(other, Find), ct);
            }
            catch (ValidationException ex)
            {
                ModelState.AddValidationErrors(ex, "Find");
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(int id, int otherId, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var command = new AddRelation.Command
        {
            ItemKind = kind, ItemId = id, Type = Type ?? RelationType.References, OtherKind = OtherKind ?? ItemKind.Standard, OtherId = otherId, Note = Note,
        };
        try
        {
            await sender.Send(command, ct);
        }
        catch (ValidationException ex)
        {
            ModelState.AddValidationErrors(ex, "Relation");
            return Page();
        }

        StatusMessage = "The relation was added.";
        return Redirect($"/editor/{Area}/{id}/relations");
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, int relationId, CancellationToken ct)
    {
        try
        {
            await sender.Send(new RemoveRelation.Command(kind, id, relationId), ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        StatusMessage = "The relation was removed.";
        return Redirect($"/editor/{Area}/{id}/relations");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Id = id;
        var item = await sender.Send(new ListRelations.Query(kind, id), ct);
        Item = item!;
        return item is not null;
    }
}
