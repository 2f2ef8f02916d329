using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Seed.Loaders;

/// <summary>
/// The seed's relations. They name their ends by slug or code: the ends are resolved before anything is saved
/// (<see cref="Resolve"/>: an unknown one is a problem of this load) and the relations stored by id once the new records
/// have theirs (<see cref="AddAsync"/>).
/// </summary>
internal static class RelationLoader
{
    /// <summary>A relation whose ends are resolved to records (stored or about to be).</summary>
    public sealed record Link(ItemKind SubjectKind, object Subject, RelationType Type, ItemKind ObjectKind, object Object, string? Note);

    public static List<Link> Resolve(SeedContext ctx, SeedRecords records)
    {
        var links = new List<Link>();
        foreach (var (r, n) in ctx.Seed.Relations.Select((r, n) => (r, n + 1)))
        {
            var where = $"relation {n} ({r.Subject} {r.Type} {r.Target})";
            var type = ctx.Enum<RelationType>(r.Type, where);
            var subject = ctx.Item(r.Subject, records, $"{where} subject");
            var target = ctx.Item(r.Target, records, $"{where} object");
            if (subject is { } s && target is { } o)
            {
                if (ReferenceEquals(s.Item, o.Item))
                {
                    ctx.Problem($"{where}: an item cannot be related to itself.");
                    continue;
                }

                links.Add(new Link(s.Kind, s.Item, type, o.Kind, o.Item, r.Note?.Trim()));
            }
        }

        return links;
    }

    /// <summary>Adds the relations not already stored (one of each subject, type and object): loading twice adds none twice.</summary>
    /// <returns>How many were added.</returns>
    public static async Task<int> AddAsync(PortalDbContext db, List<Link> links, CancellationToken ct)
    {
        if (links.Count == 0)
        {
            return 0;
        }

        var existing = (await db.Relations.Select(r => new { r.SubjectKind, r.SubjectId, r.Type, r.ObjectKind, r.ObjectId }).ToListAsync(ct))
            .Select(r => (r.SubjectKind, r.SubjectId, r.Type, r.ObjectKind, r.ObjectId)).ToHashSet();
        var added = 0;
        foreach (var l in links)
        {
            var key = (l.SubjectKind, IdOf(l.Subject), l.Type, l.ObjectKind, IdOf(l.Object));
            if (existing.Add(key))
            {
                db.Relations.Add(new Relation
                {
                    SubjectKind = key.SubjectKind, SubjectId = key.Item2, Type = key.Type, ObjectKind = key.ObjectKind, ObjectId = key.Item5, Note = l.Note,
                });
                added++;
            }
        }

        await db.SaveChangesAsync(ct);
        return added;
    }

    private static int IdOf(object item) => item switch
    {
        Policy p => p.Id,
        Standard s => s.Id,
        WorkingGroup w => w.Id,
        Organisation o => o.Id,
        _ => throw new ArgumentException($"{item.GetType().Name} is not an item of the knowledge graph.", nameof(item)),
    };
}
