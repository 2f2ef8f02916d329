using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SesecPortal.Application.Common;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.Relations;
using SesecPortal.Web.Infrastructure;

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

/// <summary>What the head of every reference-data form shows: messages, the conflict panel, links to the item's other pages.</summary>
public abstract class ReferenceFormPageBase : PageModel
{
    /// <summary>Blank rows offered at the end of each list of the form.</summary>
    public const int BlankRows = 3;

    [TempData] public string? StatusMessage { get; set; }

    public ConcurrencyConflictException? Conflict { get; protected set; }
    public GetEditorChoices.Result Choices { get; protected set; } = null!;

    /// <summary>The part of the address after /editor/ (policies, standards...).</summary>
    public abstract string Area { get; }

    /// <summary>"policy".</summary>
    public abstract string Noun { get; }

    /// <summary>Whether the item has typed relations (policies, standards, groups, organisations).</summary>
    public virtual bool HasRelations => true;

    /// <summary>The item edited; null on the form of a new one.</summary>
    public int? ItemId { get; protected set; }

    /// <summary>Where readers see the item (existing items only).</summary>
    public abstract string? PublicPath { get; }
}

/// <summary>
/// The form of a new or existing item of reference data: post-redirect-get on success, errors next to the fields,
/// the conflict panel (409) when someone saved meanwhile, and row buttons (move up/down) that post back to the form.
/// </summary>
public abstract class ReferenceFormPage<TCommand>(ISender sender) : ReferenceFormPageBase
    where TCommand : class, ICommand<int>, new()
{
    [BindProperty] public TCommand Input { get; set; } = new();

    protected abstract IQuery<TCommand?> LoadQuery(int id);

    protected abstract void SetId(int? id);

    /// <summary>Adds blank rows to the form's lists.</summary>
    protected virtual void Pad()
    {
    }

    /// <summary>Moves a row of one of the form's lists (<paramref name="list"/> is its name).</summary>
    protected virtual void Move(string list, int index, bool up)
    {
    }

    protected async Task<IActionResult> ShowAsync(int? id, CancellationToken ct)
    {
        ItemId = id;
        if (id is { } existing)
        {
            var input = await sender.Send(LoadQuery(existing), ct);
            if (input is null)
            {
                return NotFound();
            }

            Input = input;
        }

        await PrepareAsync(ct);
        return Page();
    }

    protected async Task<IActionResult> SaveAsync(int? id, CancellationToken ct)
    {
        ItemId = id;
        // The item edited is the one in the address, whatever the form says.
        SetId(id);
        if (Request.HasFormContentType && Request.Form["move"].FirstOrDefault() is { } move)
        {
            var parts = move.Split(':');
            if (parts.Length == 3 && int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var index))
            {
                Move(parts[0], index, parts[2] == "up");
            }

            // The form shows the lists in their new order, not the posted values.
            ModelState.Clear();
            await PrepareAsync(ct);
            return Page();
        }

        if (!ModelState.IsValid)
        {
            return await RefusedAsync(ct);
        }

        int saved;
        try
        {
            saved = await sender.Send(Input, ct);
        }
        catch (ValidationException ex)
        {
            ModelState.AddValidationErrors(ex, nameof(Input));
            return await RefusedAsync(ct);
        }
        catch (ConcurrencyConflictException ex)
        {
            Conflict = ex;
            // Saving again from this form overwrites the stored version knowingly.
            ModelState.Remove($"{nameof(Input)}.Version");
            SetVersion(ex.StoredVersion);
            await PrepareAsync(ct);
            var page = Page();
            page.StatusCode = StatusCodes.Status409Conflict;
            return page;
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        StatusMessage = id is null ? $"The {Noun} was created." : $"The {Noun} was saved.";
        return Redirect($"/editor/{Area}/{saved}");
    }

    protected abstract void SetVersion(uint version);

    /// <summary>The form again with what was typed and a message by each field: a 400, as every refused form answers.</summary>
    private async Task<IActionResult> RefusedAsync(CancellationToken ct)
    {
        await PrepareAsync(ct);
        var page = Page();
        page.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }

    private async Task PrepareAsync(CancellationToken ct)
    {
        Pad();
        Choices = await sender.Send(new GetEditorChoices.Query(), ct);
    }

    /// <summary>Adds blank rows so that the list ends with <see cref="BlankRows"/> of them.</summary>
    protected static void PadRows<T>(List<T> rows, Func<T, bool> isBlank)
        where T : new()
    {
        var trailing = rows.AsEnumerable().Reverse().TakeWhile(isBlank).Count();
        for (var i = trailing; i < BlankRows; i++)
        {
            rows.Add(new T());
        }
    }
}

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
