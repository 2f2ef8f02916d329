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

    /// <summary>Whether the portal says if readers see this entity type (a test holds every type of the model to it).</summary>
    public static bool IsClassified(IEntityType type) => ChangedItems.IsClassified(type);

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
                    save.Known.AddRange(ChangedItems.Of(entry, entry.CurrentValues, ChangeAction.Saved));
                    // A row that moves (a work item to another standard) changes the page it left as well.
                    save.Known.AddRange(ChangedItems.Of(entry, entry.OriginalValues, ChangeAction.Saved));
                    break;
                case EntityState.Deleted:
                    save.Known.AddRange(ChangedItems.Of(entry, entry.OriginalValues, ChangeAction.Deleted));
                    break;
            }
        }

        if (save.Known.Count == 0 && !save.Added.Exists(e => ChangedItems.Of(e, e.CurrentValues, ChangeAction.Saved).Any()))
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

        var items = save.Known.Concat(save.Added.SelectMany(e => ChangedItems.Of(e, e.CurrentValues, ChangeAction.Saved)))
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
}
