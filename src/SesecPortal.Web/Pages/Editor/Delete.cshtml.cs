using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SesecPortal.Application.Common;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.Organisations;
using SesecPortal.Application.Features.Policies;
using SesecPortal.Application.Features.Sectors;
using SesecPortal.Application.Features.Standards;
using SesecPortal.Application.Features.WorkingGroups;

namespace SesecPortal.Web.Pages.Editor;

/// <summary>
/// Asks before an item of reference data is deleted: what else changes, or why it cannot be deleted yet; then one
/// button. Deleting cannot be undone, so the edit form only links here.
/// </summary>
public sealed class DeleteModel(ISender sender) : PageModel
{
    /// <summary>The areas whose items are deleted here; the page's route lists the same.</summary>
    private static readonly Dictionary<string, (ItemKind Kind, string Noun, string List, Func<int, ICommand<Unit>> Command)> Areas = new(StringComparer.Ordinal)
    {
        ["standards"] = (ItemKind.Standard, "standard", "Standards", id => new DeleteStandard.Command(id)),
        ["policies"] = (ItemKind.Policy, "policy", "Policies", id => new DeletePolicy.Command(id)),
        ["working-groups"] = (ItemKind.WorkingGroup, "working group", "Working groups", id => new DeleteWorkingGroup.Command(id)),
        ["organisations"] = (ItemKind.Organisation, "organisation", "Organisations", id => new DeleteOrganisation.Command(id)),
        ["sectors"] = (ItemKind.Sector, "sector", "Sectors", id => new DeleteSector.Command(id)),
    };

    [TempData] public string? StatusMessage { get; set; }

    public string Area { get; private set; } = "";
    public string Noun { get; private set; } = "";
    public string ListHeading { get; private set; } = "";
    public int Id { get; private set; }
    public GetDeletionImpact.Result Impact { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string area, int id, CancellationToken ct) =>
        await LoadAsync(area, id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string area, int id, CancellationToken ct)
    {
        if (!await LoadAsync(area, id, ct))
        {
            return NotFound();
        }

        try
        {
            await sender.Send(Areas[area].Command(id), ct);
        }
        catch (ValidationException ex)
        {
            // Something came to depend on the item since the page was drawn.
            Impact = Impact with { Refusal = string.Join(" ", ex.Errors.Select(e => e.ErrorMessage)) };
            var page = Page();
            page.StatusCode = StatusCodes.Status409Conflict;
            return page;
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        StatusMessage = $"The {Noun} “{Impact.Title}” was deleted.";
        return Redirect($"/editor/{area}");
    }

    private async Task<bool> LoadAsync(string area, int id, CancellationToken ct)
    {
        if (!Areas.TryGetValue(area, out var known) || await sender.Send(new GetDeletionImpact.Query(known.Kind, id), ct) is not { } impact)
        {
            return false;
        }

        (Area, Noun, ListHeading, Id, Impact) = (area, known.Noun, known.List, id, impact);
        return true;
    }
}
