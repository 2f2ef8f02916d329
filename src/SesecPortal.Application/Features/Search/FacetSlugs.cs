using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Search;

/// <summary>
/// Saved searches name sectors and organisations by slug (<c>sector=carbon</c>, <c>authority=miit</c>). When a slug
/// changes, or the sector or organisation is deleted, they follow, in the caller's transaction. The search index needs
/// nothing: its facets hold ids, and names and slugs are read when a search answers (an id the database no longer has
/// is not shown).
/// </summary>
public sealed class FacetSlugs(PortalDbContext db)
{
    public enum Facet
    {
        Sector,
        Authority,
    }

    /// <summary>Renames <paramref name="from"/> to <paramref name="to"/>, or removes it when <paramref name="to"/> is null.</summary>
    public async Task ReplaceAsync(Facet facet, string from, string? to, CancellationToken ct)
    {
        if (from == to)
        {
            return;
        }

        await ReplaceInSavedSearchesAsync(facet == Facet.Sector ? "sector" : "authority", from, to, ct);
    }

    private async Task ReplaceInSavedSearchesAsync(string key, string from, string? to, CancellationToken ct)
    {
        var pair = $"{key}={Uri.EscapeDataString(from)}";
        var saved = await db.WatchItems.Where(i => i.Kind == WatchKind.Search && i.Filters.Contains(pair)).ToListAsync(ct);
        foreach (var item in saved)
        {
            IReadOnlyList<string> Values(string k)
            {
                var values = SavedSearch.Values(item.Filters, k);
                return k != key ? values : [.. values.Where(v => v != from).Concat(to is null ? [] : [to])];
            }

            var filters = SavedSearch.Filters(Values("kind"), Values("sector"), Values("authority"));
            if (filters == item.Filters)
            {
                continue; // "sector=carbon-x" contains "sector=carbon" but is another sector
            }

            // The same search may be saved already with the new filters: keep that one.
            if (await db.WatchItems.AnyAsync(i => i.WatchlistId == item.WatchlistId && i.Kind == WatchKind.Search && i.Query == item.Query && i.Filters == filters, ct)
                || saved.Any(other => other != item && other.WatchlistId == item.WatchlistId && other.Query == item.Query && other.Filters == filters))
            {
                db.WatchItems.Remove(item);
            }
            else
            {
                item.Filters = filters;
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
