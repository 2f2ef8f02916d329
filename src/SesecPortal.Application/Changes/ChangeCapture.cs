using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Changes;

/// <summary>
/// The one mechanism by which a change readers see reaches the change log: an interceptor over EF Core's change tracker.
/// Whenever a <see cref="PortalDbContext"/> saves, it finds the items whose public face the saved rows belong to (an
/// event belongs to its standard, a join row to the item that owns the list, a relation to both its ends) and writes
/// one <see cref="ChangeLogEntry"/> per item in the same transaction. When the context has no transaction of its own, it
/// opens one for the save and the log rows together. Handlers never tell the index or the caches anything.
/// </summary>
public sealed class ChangeCapture : SaveChangesInterceptor
{
    /// <summary>What a save is writing, from <c>SavingChanges</c> to <c>SavedChanges</c>.</summary>
    private sealed class PendingSave
    {
        public required List<(ItemKind Kind, int Id, ChangeAction Action)> Known { get; init; }

        /// <summary>Added rows: their keys (and the keys they point to) are known only once they are saved.</summary>
        public required List<EntityEntry> Added { get; init; }

        public IDbContextTransaction? OwnTransaction { get; set; }

        public bool WritingLog { get; set; }
    }

    private readonly ConditionalWeakTable<DbContext, PendingSave> pending = [];

    /// <summary>Entity types that carry nothing readers see (accounts, workflow, audit, the log itself).</summary>
    private static readonly HashSet<Type> Internal =
    [
        typeof(ArticleRevision), typeof(AuditEntry), typeof(ContentVersion), typeof(FormerSlug),
        typeof(Watchlist), typeof(WatchItem), typeof(PortalUser), typeof(ChangeLogEntry), typeof(ChangeFollowerPosition),
        typeof(OutboxMessage), typeof(MailBody), typeof(NewsletterSubscription), typeof(ImportJob),
        // Reference data (the ICS tree, the CCS classes) written only by migrations, never while the portal runs: a
        // deployment that changes it starts every instance afresh (empty page caches); a standard's codes are its own.
        typeof(IcsGroup), typeof(CcsClass),
    ];

    /// <summary>Join tables (many-to-many lists) by name: the item that owns the list, found once from the model.</summary>
    private static readonly ConcurrentDictionary<string, (ItemKind Kind, string Property)?> JoinOwners = new(StringComparer.Ordinal);

    /// <summary>Entity types readers see, each mapped to the items it belongs to in <see cref="ItemsOf"/>.</summary>
    private static readonly HashSet<Type> Public =
    [
        typeof(Article), typeof(ArticleSourceLink), typeof(NewsletterIssue), typeof(IssueSection), typeof(IssueTakeaway), typeof(Policy),
        typeof(PolicyAuthority), typeof(PolicyTarget), typeof(Standard), typeof(StandardEvent), typeof(StandardAdoption), typeof(WorkingGroup), typeof(WorkingGroupMember),
        typeof(WorkingGroupContact), typeof(WorkItem), typeof(Organisation), typeof(Sector), typeof(Relation),
    ];

    /// <summary>Whether the portal says if readers see this entity type (a test holds every type of the model to it).</summary>
    public static bool IsClassified(IEntityType type) =>
        type.HasSharedClrType ? JoinOwner(type) is not null : Internal.Contains(type.ClrType) || IsFramework(type.ClrType) || Public.Contains(type.ClrType);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (Begin(eventData.Context) is { } save && eventData.Context!.Database.CurrentTransaction is null)
        {
            save.OwnTransaction = eventData.Context.Database.BeginTransaction();
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Begin(eventData.Context) is { } save && eventData.Context!.Database.CurrentTransaction is null)
        {
            save.OwnTransaction = await eventData.Context.Database.BeginTransactionAsync(cancellationToken);
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Log(eventData.Context) is { } save)
        {
            try
            {
                eventData.Context!.SaveChanges();
            }
            catch
            {
                save.OwnTransaction?.Dispose();
                throw;
            }
            finally
            {
                save.WritingLog = false;
                pending.Remove(eventData.Context!);
            }

            Remember(eventData.Context);
            save.OwnTransaction?.Commit();
            save.OwnTransaction?.Dispose();
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Log(eventData.Context) is { } save)
        {
            try
            {
                await eventData.Context!.SaveChangesAsync(cancellationToken);
            }
            catch
            {
                if (save.OwnTransaction is { } failed)
                {
                    await failed.DisposeAsync();
                }

                throw;
            }
            finally
            {
                save.WritingLog = false;
                pending.Remove(eventData.Context!);
            }

            Remember(eventData.Context);
            if (save.OwnTransaction is { } own)
            {
                await own.CommitAsync(cancellationToken);
                await own.DisposeAsync();
            }
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } db && pending.TryGetValue(db, out var save) && !save.WritingLog)
        {
            pending.Remove(db);
            save.OwnTransaction?.Dispose();
        }
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && pending.TryGetValue(db, out var save) && !save.WritingLog)
        {
            pending.Remove(db);
            if (save.OwnTransaction is { } own)
            {
                await own.DisposeAsync();
            }
        }
    }

    /// <summary>Records what the save is about to write; null when it writes nothing readers see (or is the log's own save).</summary>
    private PendingSave? Begin(DbContext? db)
    {
        if (db is null || (pending.TryGetValue(db, out var current) && current.WritingLog))
        {
            return null;
        }

        var save = new PendingSave { Known = [], Added = [] };
        foreach (var entry in db.ChangeTracker.Entries())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    save.Added.Add(entry);
                    break;
                case EntityState.Modified:
                    save.Known.AddRange(ItemsOf(entry, entry.CurrentValues, ChangeAction.Saved));
                    // A row that moves (a work item to another standard) changes the page it left as well.
                    save.Known.AddRange(ItemsOf(entry, entry.OriginalValues, ChangeAction.Saved));
                    break;
                case EntityState.Deleted:
                    save.Known.AddRange(ItemsOf(entry, entry.OriginalValues, ChangeAction.Deleted));
                    break;
            }
        }

        if (save.Known.Count == 0 && !save.Added.Exists(e => ItemsOf(e, e.CurrentValues, ChangeAction.Saved).Any()))
        {
            pending.Remove(db);
            return null;
        }

        pending.AddOrUpdate(db, save);
        return save;
    }

    /// <summary>After the save: adds the log rows (the added rows' keys are known now); null when there are none.</summary>
    private PendingSave? Log(DbContext? db)
    {
        if (db is null || !pending.TryGetValue(db, out var save) || save.WritingLog)
        {
            return null;
        }

        var items = save.Known.Concat(save.Added.SelectMany(e => ItemsOf(e, e.CurrentValues, ChangeAction.Saved)))
            .GroupBy(i => (i.Kind, i.Id))
            .Select(g => new ChangeLogEntry
            {
                Kind = g.Key.Kind,
                ItemId = g.Key.Id,
                Action = g.Any(i => i.Action == ChangeAction.Deleted) ? ChangeAction.Deleted : ChangeAction.Saved,
            })
            .ToList();
        if (items.Count == 0)
        {
            pending.Remove(db);
            save.OwnTransaction?.Commit();
            save.OwnTransaction?.Dispose();
            return null;
        }

        db.Set<ChangeLogEntry>().AddRange(items);
        save.WritingLog = true;
        return save;
    }

    /// <summary>Tells the context which transaction wrote the log rows (the pipeline waits for followers to pass it).</summary>
    private static void Remember(DbContext? db)
    {
        if (db is not PortalDbContext portal)
        {
            return;
        }

        foreach (var entry in db.ChangeTracker.Entries<ChangeLogEntry>().ToList())
        {
            portal.LastChangeTransactionId = Math.Max(portal.LastChangeTransactionId, entry.Entity.TransactionId);
            entry.State = EntityState.Detached;
        }
    }

    /// <summary>The items a row belongs to, read from the given values (current, or original for a deletion or a move).</summary>
    private static IEnumerable<(ItemKind Kind, int Id, ChangeAction Action)> ItemsOf(EntityEntry entry, PropertyValues values, ChangeAction action)
    {
        var type = entry.Metadata;
        if (type.HasSharedClrType)
        {
            // A join row: the owner's list changed (an article's sectors); the other end is unchanged.
            if (JoinOwner(type) is { } owner && values[owner.Property] is int ownerId && ownerId > 0)
            {
                yield return (owner.Kind, ownerId, ChangeAction.Saved);
            }

            yield break;
        }

        var clr = type.ClrType;
        if (Internal.Contains(clr) || IsFramework(clr))
        {
            yield break;
        }

        int Int(string property) => values[property] is int i ? i : 0;
        int? NullableInt(string property) => values[property] as int?;

        switch (entry.Entity)
        {
            case Article:
                // A draft nobody reads is not news: an article or issue counts while it is (or was) published.
                if (IsOrWasPublished(entry, nameof(Article.Status)))
                {
                    yield return (ItemKind.Article, Int(nameof(Article.Id)), action);
                }

                break;
            case ArticleSourceLink:
                yield return (ItemKind.Article, Int(nameof(ArticleSourceLink.ArticleId)), ChangeAction.Saved);
                break;
            case NewsletterIssue:
                if (IsOrWasPublished(entry, nameof(NewsletterIssue.Status)))
                {
                    yield return (ItemKind.Issue, Int(nameof(NewsletterIssue.Id)), action);
                }

                break;
            case IssueSection or IssueTakeaway:
                var issueId = Int(nameof(IssueSection.IssueId));
                if (IssueMayBePublic(entry.Context, issueId))
                {
                    yield return (ItemKind.Issue, issueId, ChangeAction.Saved);
                }

                break;
            case Policy:
                yield return (ItemKind.Policy, Int(nameof(Policy.Id)), action);
                // The version it follows shows its chain, this version in it (and, read from the original values, the one it left).
                if (NullableInt(nameof(Policy.PreviousVersionId)) is { } previousVersionId)
                {
                    yield return (ItemKind.Policy, previousVersionId, ChangeAction.Saved);
                }

                break;
            case PolicyAuthority:
                yield return (ItemKind.Policy, Int(nameof(PolicyAuthority.PolicyId)), ChangeAction.Saved);
                break;
            case PolicyTarget:
                yield return (ItemKind.Target, Int(nameof(PolicyTarget.Id)), action);
                if (NullableInt(nameof(PolicyTarget.PolicyId)) is { } policyId)
                {
                    yield return (ItemKind.Policy, policyId, ChangeAction.Saved);
                }

                if (NullableInt(nameof(PolicyTarget.StandardId)) is { } targetStandardId)
                {
                    yield return (ItemKind.Standard, targetStandardId, ChangeAction.Saved);
                }

                break;
            case Standard:
                yield return (ItemKind.Standard, Int(nameof(Standard.Id)), action);
                break;
            case StandardEvent:
                yield return (ItemKind.Standard, Int(nameof(StandardEvent.StandardId)), ChangeAction.Saved);
                break;
            case StandardAdoption:
                yield return (ItemKind.Standard, Int(nameof(StandardAdoption.StandardId)), ChangeAction.Saved);
                break;
            case WorkingGroup:
                yield return (ItemKind.WorkingGroup, Int(nameof(WorkingGroup.Id)), action);
                break;
            case WorkingGroupMember:
                yield return (ItemKind.WorkingGroup, Int(nameof(WorkingGroupMember.WorkingGroupId)), ChangeAction.Saved);
                break;
            case WorkingGroupContact:
                yield return (ItemKind.WorkingGroup, Int(nameof(WorkingGroupContact.WorkingGroupId)), ChangeAction.Saved);
                break;
            case WorkItem:
                yield return (ItemKind.WorkingGroup, Int(nameof(WorkItem.WorkingGroupId)), ChangeAction.Saved);
                if (NullableInt(nameof(WorkItem.StandardId)) is { } workStandardId)
                {
                    yield return (ItemKind.Standard, workStandardId, ChangeAction.Saved);
                }

                break;
            case Organisation:
                yield return (ItemKind.Organisation, Int(nameof(Organisation.Id)), action);
                break;
            case Sector:
                yield return (ItemKind.Sector, Int(nameof(Sector.Id)), action);
                break;
            case Relation:
                // "Connections" show on both ends.
                yield return ((ItemKind)values[nameof(Relation.SubjectKind)]!, Int(nameof(Relation.SubjectId)), ChangeAction.Saved);
                yield return ((ItemKind)values[nameof(Relation.ObjectKind)]!, Int(nameof(Relation.ObjectId)), ChangeAction.Saved);
                break;
            default:
                throw new InvalidOperationException(
                    $"{clr.Name} is saved but ChangeCapture does not know whether readers see it: map it to the items it belongs to, or list it as internal.");
        }
    }

    private static bool IsOrWasPublished(EntityEntry entry, string status) =>
        PublicationStatus.Published.Equals(entry.CurrentValues[status])
        || (entry.State != EntityState.Added && PublicationStatus.Published.Equals(entry.OriginalValues[status]));

    /// <summary>An issue's sections of a draft the context holds are no news; one it does not hold may be published.</summary>
    private static bool IssueMayBePublic(DbContext db, int issueId) =>
        db.ChangeTracker.Entries<NewsletterIssue>().FirstOrDefault(e => e.Entity.Id == issueId) is not { } issue || IsOrWasPublished(issue, nameof(NewsletterIssue.Status));

    /// <summary>The kinds of item that own many-to-many lists.</summary>
    private static ItemKind? ListOwnerKind(Type clr) =>
        clr == typeof(Article) ? ItemKind.Article
        : clr == typeof(Policy) ? ItemKind.Policy
        : clr == typeof(PolicyTarget) ? ItemKind.Target
        : clr == typeof(Standard) ? ItemKind.Standard
        : clr == typeof(WorkingGroup) ? ItemKind.WorkingGroup
        : clr == typeof(Organisation) ? ItemKind.Organisation
        : null;

    private static bool IsFramework(Type clr) => clr.Namespace?.StartsWith("Microsoft.", StringComparison.Ordinal) == true;

    /// <summary>The item that owns a join table's rows: the type whose list (skip navigation) the table holds.</summary>
    private static (ItemKind Kind, string Property)? JoinOwner(IEntityType join) => JoinOwners.GetOrAdd(join.Name, _ =>
    {
        // A list can be navigable from both ends (a sector lists its standards too): the owner is the item whose list it is.
        var navigation = join.Model.GetEntityTypes().SelectMany(t => t.GetDeclaredSkipNavigations())
            .FirstOrDefault(n => n.JoinEntityType == join && ListOwnerKind(n.DeclaringEntityType.ClrType) is not null);
        return navigation is null ? null : (ListOwnerKind(navigation.DeclaringEntityType.ClrType)!.Value, navigation.ForeignKey.Properties[0].Name);
    });
}
