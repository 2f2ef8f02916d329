using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Web.Pages;

/// <summary>
/// A page that shows one item found by its slug: a 301 to its address now when it had that slug before, else 404 with
/// the helpful error page.
/// </summary>
public abstract class ItemPage<TResult>(ISender sender) : PageModel
    where TResult : class
{
    /// <summary>Slugs are at most 120 characters; anything longer cannot exist.</summary>
    private const int MaxSlugLength = 120;

    public TResult Item { get; private set; } = null!;

    /// <summary>The kind of item, for reference data whose slug can change; null for items whose address never does.</summary>
    protected virtual ItemKind? MovableKind => null;

    protected async Task<IActionResult> ShowAsync(string slug, Func<string, IQuery<TResult?>> query, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(slug) || slug.Length > MaxSlugLength)
        {
            return NotFound();
        }

        var item = await sender.Send(query(slug), ct);
        if (item is null)
        {
            return MovableKind is { } kind && await sender.Send(new FindMovedItem.Query(kind, slug), ct) is { } moved
                ? RedirectPermanent(moved.Url)
                : NotFound();
        }

        Item = item;
        return Page();
    }
}
