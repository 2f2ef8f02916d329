using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Editorial;

/// <summary>
/// What deleting an item of reference data would take with it, for the page that asks the editor to confirm: why it
/// cannot be deleted yet, if so, and otherwise what else changes.
/// </summary>
public static class GetDeletionImpact
{
    public sealed record Query(ItemKind Kind, int Id) : IQuery<Result?>;

    /// <param name="Refusal">Why the item cannot be deleted as things stand; null when it can.</param>
    /// <param name="Consequences">What else changes, one sentence each; empty when nothing does.</param>
    public sealed record Result(string Title, string? Refusal, IReadOnlyList<string> Consequences);

    public sealed class Handler(PortalDbContext db) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var id = query.Id;
            var title = await TitleAsync(query.Kind, id, ct);
            if (title is null)
            {
                return null;
            }

            var refusal = await DeletionRules.RefusalAsync(db, query.Kind, id, title, ct);
            return new Result(title, refusal, await ConsequencesAsync(query.Kind, id, ct));
        }

        /// <summary>What else changes when the item goes, one sentence for each kind of row it takes with it or leaves behind.</summary>
        private async Task<List<string>> ConsequencesAsync(ItemKind kind, int id, CancellationToken ct)
        {
            var consequences = new List<string>();
            void Add(int count, string one, string many)
            {
                if (count > 0)
                {
                    consequences.Add(count == 1 ? one : string.Format(System.Globalization.CultureInfo.InvariantCulture, many, count));
                }
            }

            // One count at a time: the page is for one item, and each count reads an index.
            var relations = await db.Relations.CountAsync(r => (r.SubjectKind == kind && r.SubjectId == id) || (r.ObjectKind == kind && r.ObjectId == id), ct);
            Add(relations, "Its relation to another item is removed.", "Its {0} relations to other items are removed.");
            switch (kind)
            {
                case ItemKind.Standard:
                    Add(await db.StandardEvents.CountAsync(e => e.StandardId == id, ct), "Its timeline event is deleted.", "Its {0} timeline events are deleted.");
                    Add(await db.Targets.CountAsync(t => t.StandardId == id, ct), "Its target is deleted.", "Its {0} targets are deleted.");
                    Add(await db.Standards.CountAsync(s => s.ReplacedById == id, ct),
                        "A standard it replaces no longer names its replacement.", "{0} standards it replaces no longer name their replacement.");
                    Add(await db.WorkItems.CountAsync(w => w.StandardId == id, ct),
                        "A committee's work item no longer links to it.", "{0} work items of committees no longer link to it.");
                    Add(await db.Articles.CountAsync(a => a.Standards.Any(s => s.Id == id), ct), ArticlesOne, ArticlesMany);
                    Add(await FollowersAsync(WatchKind.Standard, id, ct), FollowedOne, FollowedMany);
                    break;
                case ItemKind.Policy:
                    Add(await db.Targets.CountAsync(t => t.PolicyId == id, ct), "Its target is deleted.", "Its {0} targets are deleted.");
                    Add(await db.Articles.CountAsync(a => a.Policies.Any(p => p.Id == id), ct), ArticlesOne, ArticlesMany);
                    break;
                case ItemKind.WorkingGroup:
                    Add(await db.Standards.CountAsync(s => s.CommitteeId == id, ct),
                        "A standard it is responsible for loses its committee.", "{0} standards it is responsible for lose their committee.");
                    Add(await db.WorkItems.CountAsync(w => w.WorkingGroupId == id, ct), "Its work item is deleted.", "Its {0} work items are deleted.");
                    Add(await db.Articles.CountAsync(a => a.WorkingGroups.Any(w => w.Id == id), ct), ArticlesOne, ArticlesMany);
                    break;
                case ItemKind.Organisation:
                    Add(await db.Standards.CountAsync(s => s.IssuerId == id, ct),
                        "A standard it issued no longer names its issuer.", "{0} standards it issued no longer name their issuer.");
                    Add(await db.Articles.CountAsync(a => a.Organisations.Any(o => o.Id == id), ct), ArticlesOne, ArticlesMany);
                    Add(await FollowersAsync(WatchKind.Organisation, id, ct), FollowedOne, FollowedMany);
                    break;
                case ItemKind.Sector:
                    Add(await db.Policies.CountAsync(p => p.Sectors.Any(s => s.Id == id), ct), "A policy loses this sector.", "{0} policies lose this sector.");
                    Add(await db.Standards.CountAsync(s => s.Sectors.Any(x => x.Id == id), ct), "A standard loses this sector.", "{0} standards lose this sector.");
                    Add(await db.Articles.CountAsync(a => a.Sectors.Any(s => s.Id == id), ct), "An article loses this sector.", "{0} articles lose this sector.");
                    Add(await FollowersAsync(WatchKind.Sector, id, ct), FollowedOne, FollowedMany);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only reference data is deleted this way.");
            }

            return consequences;
        }

        private const string ArticlesOne = "An article links to it: the link becomes plain text, and the article's [[…]] reference must be removed before it is saved again.";
        private const string ArticlesMany = "{0} articles link to it: the links become plain text, and their [[…]] references must be removed before they are saved again.";
        private const string FollowedOne = "A member follows it: their watchlist will say it no longer exists.";
        private const string FollowedMany = "{0} members follow it: their watchlists will say it no longer exists.";

        private Task<int> FollowersAsync(WatchKind kind, int id, CancellationToken ct) => db.WatchItems.CountAsync(w => w.Kind == kind && w.ItemId == id, ct);

        private async Task<string?> TitleAsync(ItemKind kind, int id, CancellationToken ct) => kind switch
        {
            ItemKind.Standard => await db.Standards.Where(s => s.Id == id).Select(s => s.Code == null ? s.TitleEn : s.Code + " " + s.TitleEn).SingleOrDefaultAsync(ct),
            ItemKind.Policy => await db.Policies.Where(p => p.Id == id).Select(p => p.Title).SingleOrDefaultAsync(ct),
            ItemKind.WorkingGroup => await db.WorkingGroups.Where(w => w.Id == id).Select(w => w.Name).SingleOrDefaultAsync(ct),
            ItemKind.Organisation => await db.Organisations.Where(o => o.Id == id).Select(o => o.Name).SingleOrDefaultAsync(ct),
            ItemKind.Sector => await db.Sectors.Where(s => s.Id == id).Select(s => s.Name).SingleOrDefaultAsync(ct),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only reference data is deleted this way."),
        };
    }
}

/// <summary>
/// What stops an item of reference data from being deleted: the delete commands refuse with these messages, and the
/// confirmation page shows them before the editor tries.
/// </summary>
public static class DeletionRules
{
    public static async Task<string?> RefusalAsync(PortalDbContext db, ItemKind kind, int id, string name, CancellationToken ct)
    {
        switch (kind)
        {
            case ItemKind.Organisation:
                if (await db.Policies.AnyAsync(p => p.Authorities.Any(a => a.OrganisationId == id), ct))
                {
                    return $"“{name}” issues policies: remove it from their issuing authorities first.";
                }

                if (await db.WorkingGroups.AnyAsync(w => w.Members.Any(m => m.OrganisationId == id), ct))
                {
                    return $"“{name}” leads working groups: remove it from their leaders first.";
                }

                return await db.Organisations.AnyAsync(o => o.ParentId == id, ct)
                    ? $"“{name}” is the parent of other organisations: change their parent first."
                    : null;
            case ItemKind.WorkingGroup:
                return await db.WorkingGroups.AnyAsync(w => w.ParentId == id, ct)
                    ? $"“{name}” has subgroups: delete them or move them elsewhere first."
                    : null;
            case ItemKind.Sector:
                // Policies and standards need at least one sector: refuse to leave one without.
                var orphans = await db.Policies.Where(p => p.Sectors.Count == 1 && p.Sectors.Any(s => s.Id == id)).Select(p => p.Title)
                    .Concat(db.Standards.Where(s => s.Sectors.Count == 1 && s.Sectors.Any(x => x.Id == id)).Select(s => s.Code ?? s.TitleEn))
                    .Take(3).ToListAsync(ct);
                return orphans.Count > 0 ? $"“{name}” is the only sector of {string.Join("; ", orphans)}: give them another sector first." : null;
            default:
                return null;
        }
    }
}
