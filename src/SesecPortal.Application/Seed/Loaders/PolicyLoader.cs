using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Seed.Loaders;

/// <summary>Adds the seed's policies not stored yet, with their authorities.</summary>
internal static class PolicyLoader
{
    public static async Task LoadAsync(PortalDbContext db, SeedContext ctx, SeedRecords records, CancellationToken ct)
    {
        var slugs = ctx.Seed.Policies.Select(p => p.Slug).ToList();
        var policies = records.Policies = await db.Policies.Where(p => slugs.Contains(p.Slug)).ToDictionaryAsync(p => p.Slug, ct);
        foreach (var p in ctx.Seed.Policies.Where(p => !policies.ContainsKey(p.Slug)))
        {
            var where = $"policy {p.Slug}";
            var issued = ctx.PartialDate(p.IssuedOn, where);
            var policy = new Policy
            {
                Slug = p.Slug, Title = p.Title, Kind = ctx.Enum<PolicyKind>(p.Kind, where), Status = ctx.Enum<PolicyStatus>(p.Status, where),
                IssuedOn = issued?.Date, IssuedOnPrecision = issued?.Precision ?? DatePrecision.Day,
                CommentDeadline = ctx.Date(p.CommentDeadline, where), DocumentNumber = p.DocumentNumber, CoIssuers = p.CoIssuers,
                SourceUrl = ctx.Url(p.SourceUrl, where), Summary = p.Summary?.Trim(), Sectors = ctx.Sectors(records.Sectors, p.Sectors, where),
                Authorities = [.. ctx.FindAll(records.Organisations, p.Authorities, $"{where} authority")
                    .Select((o, i) => new PolicyAuthority { Organisation = o, Position = i })],
            };
            policies[p.Slug] = policy;
            db.Policies.Add(policy);
        }
    }
}
