using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using SesecPortal.Application.Common;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Editor;

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
