using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Seed.Loaders;

/// <summary>
/// Adds the seed's working groups not stored yet, with their members and contacts, then their parents; their work items
/// come later (<see cref="AddWorkItems"/>), once the standards they name are known.
/// </summary>
internal static class WorkingGroupLoader
{
    public static async Task LoadAsync(PortalDbContext db, SeedContext ctx, SeedRecords records, CancellationToken ct)
    {
        var slugs = ctx.Seed.WorkingGroups.Select(w => w.Slug).ToList();
        var groups = records.WorkingGroups = await db.WorkingGroups.Where(w => slugs.Contains(w.Slug)).ToDictionaryAsync(w => w.Slug, ct);
        records.NewWorkingGroups.AddRange(ctx.Seed.WorkingGroups.Where(w => !groups.ContainsKey(w.Slug)));
        foreach (var (w, i) in records.NewWorkingGroups.Select((w, i) => (w, i)))
        {
            var group = NewGroup(w, i, ctx, records);
            groups[w.Slug] = group;
            db.WorkingGroups.Add(group);
        }

        foreach (var w in records.NewWorkingGroups.Where(w => w.Parent is not null))
        {
            groups[w.Slug].Parent = ctx.Find(groups, w.Parent, $"working group {w.Slug} parent");
        }
    }

    /// <summary>The achievements, then the ongoing work, of each new working group.</summary>
    public static void AddWorkItems(SeedContext ctx, SeedRecords records)
    {
        foreach (var w in records.NewWorkingGroups)
        {
            var group = records.WorkingGroups[w.Slug];
            var items = w.Achievements.Select(a => (Item: a, Stage: WorkItemStage.Achievement))
                .Concat(w.OngoingWork.Select(a => (Item: a, Stage: WorkItemStage.Ongoing)));
            var n = 0;
            foreach (var (item, stage) in items)
            {
                group.WorkItems.Add(new WorkItem
                {
                    Stage = stage, Category = ctx.Enum<WorkItemCategory>(item.Category, $"working group {w.Slug}"), Title = item.Title,
                    Note = item.Note, Position = n++,
                    Standard = item.Standard is null ? null : ctx.FindStandard(records.Standards, item.Standard, $"working group {w.Slug} work item"),
                });
            }
        }
    }

    private static WorkingGroup NewGroup(SeedWorkingGroup w, int position, SeedContext ctx, SeedRecords records)
    {
        var where = $"working group {w.Slug}";
        return new WorkingGroup
        {
            Slug = w.Slug, Code = w.Code, Name = w.Name, Kind = ctx.Enum<WorkingGroupKind>(w.Kind, where),
            Focus = w.Focus?.Trim(), EstablishedOn = ctx.Date(w.EstablishedOn, where), Position = position,
            Sectors = ctx.Sectors(records.Sectors, w.Sectors, where),
            Members = [.. w.Members.Select((m, n) => new WorkingGroupMember
            {
                Role = ctx.Enum<WorkingGroupRole>(m.Role, where), PersonName = m.Person, Position = n,
                Organisation = m.Organisation is null ? null : ctx.Find(records.Organisations, m.Organisation, $"{where} member"),
            })],
            Contacts = [.. w.Contacts.Select((c, n) => new WorkingGroupContact { Name = c.Name, Phones = c.Phones, IsSecretariat = c.Secretariat, Position = n })],
        };
    }
}
