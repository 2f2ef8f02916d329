using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Relations;

/// <summary>
/// Everything an item of the knowledge graph is linked to, grouped under the words for each direction ("This standard
/// implements" / "Implemented by"). Stored relations and the facts the schema keeps as columns (a standard's issuer and
/// committee, a policy's authorities, a working group's leaders) are merged, so one link is shown once. A fixed number
/// of set-based queries however many links there are: the item's relations, its column facts, then one query per kind
/// of linked item for titles and addresses.
/// </summary>
public static class GetRelations
{
    public sealed record Query(ItemKind Kind, int Id) : IQuery<Result>;

    public sealed record Result(IReadOnlyList<Group> Groups)
    {
        public bool IsEmpty => Groups.Count == 0;

        public Group? this[string label] => Groups.FirstOrDefault(g => g.Label == label);
    }

    /// <param name="Key">Stable identifier of the group (<c>implements-outgoing</c>), for anchors and tests.</param>
    public sealed record Group(string Key, string Label, RelationType Type, RelationDirection Direction, IReadOnlyList<Item> Items);

    public sealed record Item(ItemKind Kind, string Title, string? Detail, string Url, string? Note);

    public sealed class Validator : AbstractValidator<Query>
    {
        private static readonly ItemKind[] Linkable = [ItemKind.Policy, ItemKind.Standard, ItemKind.WorkingGroup, ItemKind.Organisation];

        public Validator()
        {
            RuleFor(q => q.Kind).Must(k => Linkable.Contains(k)).WithMessage("Relations link policies, standards, working groups and organisations.");
            RuleFor(q => q.Id).GreaterThan(0);
        }
    }

    /// <summary>One link seen from the item: the other end, and how the item relates to it.</summary>
    private sealed record Edge(RelationType Type, RelationDirection Direction, ItemKind OtherKind, int OtherId, string? Note, int Position);

    public sealed class Handler(PortalDbContext db, IPortalAddresses addresses) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var (kind, id) = (query.Kind, query.Id);
            var edges = new List<Edge>();

            var stored = await db.Relations.AsNoTracking()
                .Where(r => (r.SubjectKind == kind && r.SubjectId == id) || (r.ObjectKind == kind && r.ObjectId == id))
                .Select(r => new { r.SubjectKind, r.SubjectId, r.Type, r.ObjectKind, r.ObjectId, r.Note })
                .ToListAsync(cancellationToken);
            foreach (var r in stored)
            {
                // A relation from an item to itself would be listed under both directions; it is shown once, outgoing.
                edges.Add(r.SubjectKind == kind && r.SubjectId == id
                    ? new Edge(r.Type, RelationDirection.Outgoing, r.ObjectKind, r.ObjectId, r.Note, int.MaxValue)
                    : new Edge(r.Type, RelationDirection.Incoming, r.SubjectKind, r.SubjectId, r.Note, int.MaxValue));
            }

            edges.AddRange(await ColumnFactsAsync(kind, id, cancellationToken));

            // The same link from a column and from the relations table is one link; the stored note (if any) wins.
            var merged = edges
                .GroupBy(e => (e.Type, e.Direction, e.OtherKind, e.OtherId))
                .Select(g => g.OrderBy(e => e.Note is null).First() with { Position = g.Min(e => e.Position) })
                .ToList();

            var items = await ResolveAsync(merged, cancellationToken);
            var groups = merged
                .Where(e => items.ContainsKey((e.OtherKind, e.OtherId)))
                .GroupBy(e => (e.Type, e.Direction))
                .OrderBy(g => Order(g.Key.Type, g.Key.Direction))
                .Select(g => new Group(
                    $"{g.Key.Type.ToString().ToLowerInvariant()}-{g.Key.Direction.ToString().ToLowerInvariant()}",
                    RelationLabels.Of(g.Key.Type, g.Key.Direction, kind), g.Key.Type, g.Key.Direction,
                    [.. g.OrderBy(e => e.Position).ThenBy(e => e.OtherKind).ThenBy(e => items[(e.OtherKind, e.OtherId)].Title, StringComparer.Ordinal)
                        .Select(e => items[(e.OtherKind, e.OtherId)] with { Note = e.Note })]))
                .ToList();
            return new Result(groups);
        }

        /// <summary>The links the schema keeps as columns, read from the item's end.</summary>
        private async Task<List<Edge>> ColumnFactsAsync(ItemKind kind, int id, CancellationToken ct)
        {
            var edges = new List<Edge>();
            switch (kind)
            {
                case ItemKind.Standard:
                    var s = await db.Standards.AsNoTracking().Where(s => s.Id == id).Select(s => new { s.IssuerId, s.CommitteeId }).SingleOrDefaultAsync(ct);
                    if (s?.IssuerId is { } issuer)
                    {
                        edges.Add(new Edge(RelationType.IssuedBy, RelationDirection.Outgoing, ItemKind.Organisation, issuer, null, 0));
                    }

                    if (s?.CommitteeId is { } committee)
                    {
                        edges.Add(new Edge(RelationType.DraftedBy, RelationDirection.Outgoing, ItemKind.WorkingGroup, committee, "Responsible committee", 0));
                    }

                    break;

                case ItemKind.Policy:
                    var authorities = await db.Policies.AsNoTracking().Where(p => p.Id == id).SelectMany(p => p.Authorities)
                        .Select(a => new { a.OrganisationId, a.Position }).ToListAsync(ct);
                    edges.AddRange(authorities.Select(a => new Edge(RelationType.IssuedBy, RelationDirection.Outgoing, ItemKind.Organisation, a.OrganisationId, null, a.Position)));
                    break;

                case ItemKind.WorkingGroup:
                    var drafted = await db.Standards.AsNoTracking().Where(s => s.CommitteeId == id).Select(s => s.Id).ToListAsync(ct);
                    edges.AddRange(drafted.Select(sid => new Edge(RelationType.DraftedBy, RelationDirection.Incoming, ItemKind.Standard, sid, null, int.MaxValue)));
                    var leaders = await db.WorkingGroups.AsNoTracking().Where(g => g.Id == id).SelectMany(g => g.Members)
                        .Where(m => m.OrganisationId != null).Select(m => new { m.OrganisationId, m.Role, m.PersonName, m.Position }).ToListAsync(ct);
                    edges.AddRange(leaders.Select(m => new Edge(
                        RelationType.Leads, RelationDirection.Incoming, ItemKind.Organisation, m.OrganisationId!.Value, RoleNote(m.Role, m.PersonName), m.Position)));
                    break;

                case ItemKind.Organisation:
                    var standards = await db.Standards.AsNoTracking().Where(s => s.IssuerId == id).Select(s => s.Id).ToListAsync(ct);
                    edges.AddRange(standards.Select(sid => new Edge(RelationType.IssuedBy, RelationDirection.Incoming, ItemKind.Standard, sid, null, int.MaxValue)));
                    var policies = await db.Policies.AsNoTracking().Where(p => p.Authorities.Any(a => a.OrganisationId == id)).Select(p => p.Id).ToListAsync(ct);
                    edges.AddRange(policies.Select(pid => new Edge(RelationType.IssuedBy, RelationDirection.Incoming, ItemKind.Policy, pid, null, int.MaxValue)));
                    var roles = await db.WorkingGroups.AsNoTracking()
                        .SelectMany(g => g.Members.Where(m => m.OrganisationId == id), (g, m) => new { g.Id, g.Position, m.Role, m.PersonName })
                        .ToListAsync(ct);
                    edges.AddRange(roles.Select(r => new Edge(RelationType.Leads, RelationDirection.Outgoing, ItemKind.WorkingGroup, r.Id, RoleNote(r.Role, r.PersonName), r.Position)));
                    break;

                default:
                    break;
            }

            return edges;
        }

        /// <summary>Titles and addresses of the other ends: one query per kind of item, whatever the number of links.</summary>
        private async Task<Dictionary<(ItemKind, int), Item>> ResolveAsync(List<Edge> edges, CancellationToken ct)
        {
            var result = new Dictionary<(ItemKind, int), Item>();
            List<int> Ids(ItemKind k) => [.. edges.Where(e => e.OtherKind == k).Select(e => e.OtherId).Distinct()];

            if (Ids(ItemKind.Standard) is { Count: > 0 } standardIds)
            {
                foreach (var s in await db.Standards.AsNoTracking().Where(s => standardIds.Contains(s.Id))
                    .Select(s => new { s.Id, s.Slug, s.Code, s.TitleEn }).ToListAsync(ct))
                {
                    result[(ItemKind.Standard, s.Id)] = new Item(ItemKind.Standard, s.Code ?? s.TitleEn, s.Code is null ? null : s.TitleEn, addresses.Page(new ItemRef(ItemKind.Standard, s.Slug)), null);
                }
            }

            if (Ids(ItemKind.Policy) is { Count: > 0 } policyIds)
            {
                foreach (var p in await db.Policies.AsNoTracking().Where(p => policyIds.Contains(p.Id)).Select(p => new { p.Id, p.Slug, p.Title }).ToListAsync(ct))
                {
                    result[(ItemKind.Policy, p.Id)] = new Item(ItemKind.Policy, p.Title, null, addresses.Page(new ItemRef(ItemKind.Policy, p.Slug)), null);
                }
            }

            if (Ids(ItemKind.WorkingGroup) is { Count: > 0 } groupIds)
            {
                foreach (var g in await db.WorkingGroups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).Select(g => new { g.Id, g.Slug, g.Name, g.Code }).ToListAsync(ct))
                {
                    result[(ItemKind.WorkingGroup, g.Id)] = new Item(ItemKind.WorkingGroup, g.Name, g.Code, addresses.Page(new ItemRef(ItemKind.WorkingGroup, g.Slug)), null);
                }
            }

            if (Ids(ItemKind.Organisation) is { Count: > 0 } orgIds)
            {
                foreach (var o in await db.Organisations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).Select(o => new { o.Id, o.Slug, o.Name, o.Abbreviation }).ToListAsync(ct))
                {
                    result[(ItemKind.Organisation, o.Id)] = new Item(ItemKind.Organisation, o.Name, o.Abbreviation == o.Name ? null : o.Abbreviation, addresses.Page(new ItemRef(ItemKind.Organisation, o.Slug)), null);
                }
            }

            return result;
        }

        private static string RoleNote(WorkingGroupRole role, string? person) => person is null ? Labels.Of(role) : $"{Labels.Of(role)}: {person}";

        /// <summary>Groups in a reading order: what the item is and who made it, then what it links to, then what links to it.</summary>
        private static int Order(RelationType type, RelationDirection direction) => (type, direction) switch
        {
            (RelationType.IssuedBy, RelationDirection.Outgoing) => 0,
            (RelationType.DraftedBy, RelationDirection.Outgoing) => 1,
            (RelationType.Leads, RelationDirection.Incoming) => 2,
            (RelationType.Implements, RelationDirection.Outgoing) => 3,
            (RelationType.Mandates, RelationDirection.Outgoing) => 4,
            (RelationType.References, RelationDirection.Outgoing) => 5,
            (RelationType.Implements, RelationDirection.Incoming) => 6,
            (RelationType.Mandates, RelationDirection.Incoming) => 7,
            (RelationType.References, RelationDirection.Incoming) => 8,
            (RelationType.IssuedBy, RelationDirection.Incoming) => 9,
            (RelationType.DraftedBy, RelationDirection.Incoming) => 10,
            (RelationType.Leads, RelationDirection.Outgoing) => 11,
            (RelationType.MemberOf, RelationDirection.Outgoing) => 12,
            (RelationType.MemberOf, RelationDirection.Incoming) => 13,
            _ => 20,
        };
    }
}
