using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Relations;

/// <summary>Which typed relations may link which kinds of item, how they read in each direction, and item titles.</summary>
public static class RelationRules
{
    /// <summary>The kinds of item relations link.</summary>
    public static readonly IReadOnlyList<ItemKind> Kinds = [ItemKind.Policy, ItemKind.Standard, ItemKind.WorkingGroup, ItemKind.Organisation];

    /// <summary>Whether <paramref name="subject"/> may be linked to <paramref name="obj"/> by <paramref name="type"/>.</summary>
    public static bool Allows(RelationType type, ItemKind subject, ItemKind obj) => type switch
    {
        RelationType.IssuedBy => subject is ItemKind.Policy or ItemKind.Standard && obj == ItemKind.Organisation,
        RelationType.Mandates => subject == ItemKind.Policy && obj is ItemKind.Standard or ItemKind.Policy,
        RelationType.References => Kinds.Contains(subject) && Kinds.Contains(obj),
        RelationType.Implements => subject == ItemKind.Standard && obj is ItemKind.Policy or ItemKind.Standard,
        RelationType.DraftedBy => subject is ItemKind.Standard or ItemKind.Policy && obj is ItemKind.WorkingGroup or ItemKind.Organisation,
        RelationType.Leads or RelationType.MemberOf => subject == ItemKind.Organisation && obj == ItemKind.WorkingGroup,
        _ => false,
    };

    /// <summary>How a relation reads from its subject ("Implements") and from its object ("Implemented by").</summary>
    public static string Label(RelationType type, bool fromSubject) =>
        RelationLabels.Brief(type, fromSubject ? RelationDirection.Outgoing : RelationDirection.Incoming);

    public static string KindLabel(ItemKind kind) => kind switch
    {
        ItemKind.WorkingGroup => "committee or group",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>The title of an item, or null when there is none.</summary>
    public static async Task<string?> TitleAsync(PortalDbContext db, ItemKind kind, int id, CancellationToken ct) => kind switch
    {
        ItemKind.Policy => await db.Policies.Where(p => p.Id == id).Select(p => p.Title).SingleOrDefaultAsync(ct),
        ItemKind.Standard => await db.Standards.Where(s => s.Id == id).Select(s => s.Code == null ? s.TitleEn : s.Code + " " + s.TitleEn).SingleOrDefaultAsync(ct),
        ItemKind.WorkingGroup => await db.WorkingGroups.Where(w => w.Id == id).Select(w => w.Code == null ? w.Name : w.Code + " " + w.Name).SingleOrDefaultAsync(ct),
        ItemKind.Organisation => await db.Organisations.Where(o => o.Id == id).Select(o => o.Name).SingleOrDefaultAsync(ct),
        _ => null,
    };

    /// <summary>The titles of many items of one kind.</summary>
    public static async Task<Dictionary<int, string>> TitlesAsync(PortalDbContext db, ItemKind kind, IReadOnlyCollection<int> ids, CancellationToken ct) => kind switch
    {
        ItemKind.Policy => await db.Policies.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Title, ct),
        ItemKind.Standard => await db.Standards.Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Code == null ? s.TitleEn : s.Code + " " + s.TitleEn, ct),
        ItemKind.WorkingGroup => await db.WorkingGroups.Where(w => ids.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Code == null ? w.Name : w.Code + " " + w.Name, ct),
        ItemKind.Organisation => await db.Organisations.Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct),
        _ => [],
    };
}
