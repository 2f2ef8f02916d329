using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Seed.Loaders;

/// <summary>Adds the seed's organisations not stored yet, then their parents (a parent may come later in the seed).</summary>
internal static class OrganisationLoader
{
    public static async Task LoadAsync(PortalDbContext db, SeedContext ctx, SeedRecords records, CancellationToken ct)
    {
        var slugs = ctx.Seed.Organisations.Select(o => o.Slug).ToList();
        var orgs = records.Organisations = await db.Organisations.Where(o => slugs.Contains(o.Slug)).ToDictionaryAsync(o => o.Slug, ct);
        var newOrgs = ctx.Seed.Organisations.Where(o => !orgs.ContainsKey(o.Slug)).ToList();
        foreach (var o in newOrgs)
        {
            var org = new Organisation
            {
                Slug = o.Slug, Name = o.Name, Abbreviation = o.Abbreviation, Kind = ctx.Enum<OrganisationKind>(o.Kind, $"organisation {o.Slug}"),
                Description = o.Description, Website = ctx.Url(o.Website, $"organisation {o.Slug}"),
                Sectors = ctx.Sectors(records.Sectors, o.Sectors, $"organisation {o.Slug}"),
            };
            orgs[o.Slug] = org;
            db.Organisations.Add(org);
        }

        foreach (var o in newOrgs.Where(o => o.Parent is not null))
        {
            orgs[o.Slug].Parent = ctx.Find(orgs, o.Parent, $"organisation {o.Slug} parent");
        }
    }
}
