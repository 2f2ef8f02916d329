using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Seed.Loaders;

/// <summary>Adds the seed's sectors not stored yet, after the stored ones; every stored sector can be named by the seed.</summary>
internal static class SectorLoader
{
    public static async Task LoadAsync(PortalDbContext db, SeedContext ctx, SeedRecords records, CancellationToken ct)
    {
        var sectors = records.Sectors = await db.Sectors.ToDictionaryAsync(s => s.Slug, ct);
        var position = sectors.Count;
        foreach (var s in ctx.Seed.Sectors.Where(s => !sectors.ContainsKey(s.Slug)))
        {
            var sector = new Sector { Slug = s.Slug, Name = s.Name, Description = s.Description, Hashtags = s.Hashtags, Position = position++ };
            sectors[s.Slug] = sector;
            db.Sectors.Add(sector);
        }
    }
}
