using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Search;

/// <summary>
/// A standard code, however typed, finds its standard first: an exact code is a direct hit (the search page goes
/// straight to it), and a plan number the portal has no record of finds the standard drafted under it.
/// </summary>
internal static class StandardCodeMatch
{
    public static async Task<(string? Key, bool Whole, string? ExactUrl)> FindAsync(
        PortalDbContext db, IPortalAddresses addresses, string text, List<string> messages, CancellationToken ct)
    {
        if (!StandardCode.TryParse(text, out var code))
        {
            return (null, false, null);
        }

        var key = code.Key;
        var whole = code.Year is not null || code.Level is StandardLevel.NationalPlan or StandardLevel.AssociationPlan or StandardLevel.International;
        var exact = await db.Standards.AsNoTracking().Where(s => s.CodeKey == key).Select(s => s.Slug).Take(2).ToListAsync(ct);
        if (exact.Count == 1)
        {
            return (key, whole, addresses.Page(new ItemRef(ItemKind.Standard, exact[0])));
        }

        if (exact.Count == 0 && code.Level == StandardLevel.NationalPlan)
        {
            // A plan number the portal has no record of may be one a published standard was drafted under: that
            // standard is what the reader is looking for.
            var became = await db.Standards.AsNoTracking().Where(s => s.PlanCodeKey == key)
                .OrderBy(s => s.PublishedOn).Select(s => new { s.Slug, s.Code }).FirstOrDefaultAsync(ct);
            if (became is not null)
            {
                messages.Add($"Plan number {code.Canonical} became {became.Code ?? "a published standard"}.");
                return (key, whole, addresses.Page(new ItemRef(ItemKind.Standard, became.Slug)));
            }
        }

        return (key, whole, null);
    }
}
