using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SesecPortal.Application.Common;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Web.Pages.Editor;

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
