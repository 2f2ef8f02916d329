using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Seed.Loaders;

/// <summary>
/// Adds the seed's targets. A target belongs to a policy or a standard; it is new unless its owner already has that metric
/// in that unit.
/// </summary>
internal static class TargetLoader
{
    public static async Task LoadAsync(PortalDbContext db, SeedContext ctx, SeedRecords records, CancellationToken ct)
    {
        var stored = (await db.Targets.Select(t => new { Owner = t.Policy != null ? "p:" + t.Policy.Slug : "s:" + t.Standard!.Slug, t.Metric, t.Unit }).ToListAsync(ct))
            .Select(t => (t.Owner, t.Metric, t.Unit)).ToHashSet();
        foreach (var (t, n) in ctx.Seed.Targets.Select((t, n) => (t, n)))
        {
            var where = $"target '{t.Metric}'";
            var policy = t.Policy is null ? null : ctx.Find(records.Policies, t.Policy, where);
            var standard = t.Standard is null ? null : ctx.FindStandard(records.Standards, t.Standard, where);
            if (policy is null && standard is null)
            {
                ctx.Problem($"{where}: it needs a policy or a standard.");
                continue;
            }

            var owner = policy is not null ? "p:" + policy.Slug : "s:" + standard!.Slug;
            if (stored.Add((owner, t.Metric, t.Unit)))
            {
                db.Targets.Add(new PolicyTarget
                {
                    Policy = policy, Standard = standard, Metric = t.Metric, Value = t.Value, Unit = t.Unit,
                    Comparison = ctx.Enum<TargetComparison>(t.Comparison, where), TargetYear = t.TargetYear, Baseline = t.Baseline,
                    Quote = t.Quote, Position = n, Sectors = ctx.Sectors(records.Sectors, t.Sectors, where),
                });
            }
        }
    }
}
