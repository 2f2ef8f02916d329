using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SesecPortal.Web.Pages;

/// <summary>A page that shows one item found by its slug: 404 with the helpful error page when there is none.</summary>
public abstract class ItemPage<TResult>(ISender sender) : PageModel
    where TResult : class
{
    /// <summary>Slugs are at most 120 characters; anything longer cannot exist.</summary>
    private const int MaxSlugLength = 120;

    public TResult Item { get; private set; } = null!;

    protected async Task<IActionResult> ShowAsync(string slug, Func<string, IQuery<TResult?>> query, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(slug) || slug.Length > MaxSlugLength)
        {
            return NotFound();
        }

        var item = await sender.Send(query(slug), ct);
        if (item is null)
        {
            return NotFound();
        }

        Item = item;
        return Page();
    }
}
