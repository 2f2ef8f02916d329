using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Editorial;

/// <summary>What one kind of reference data brings to a save: its fields and rules. <see cref="ReferenceSave"/> does the rest.</summary>
public sealed class ReferenceEdit<T>
    where T : class, IReferenceItem
{
    public required ItemKind Kind { get; init; }

    /// <summary>"The sector": what a missing item is called in the error.</summary>
    public required string Noun { get; init; }

    /// <summary>A new, empty item with its slug.</summary>
    public required Func<T> Create { get; init; }

    /// <summary>The item with what <see cref="Apply"/> and <see cref="Snapshot"/> read (its includes).</summary>
    public Func<IQueryable<T>, IQueryable<T>> Load { get; init; } = items => items;

    /// <summary>Writes the command's fields on the item.</summary>
    public required Action<T> Apply { get; init; }

    /// <summary>The item as a saved version records it (and a conflict compares it).</summary>
    public required Func<T, string> Snapshot { get; init; }

    /// <summary>Its name in the audit and in a conflict.</summary>
    public required Func<T, string> Name { get; init; }

    /// <summary>
    /// A column marked as changed on every save, so the row is written and its version checked even when nothing changed
    /// (the editor's save is then a confirmation that nobody saved in between).
    /// </summary>
    public required string VersionedProperty { get; init; }

    /// <summary>Called when the item is created or its saved version differs from the stored one (a change time).</summary>
    public Action<T>? Changed { get; init; }

    /// <summary>After an existing item is saved: what follows its slug (saved searches), in the same transaction.</summary>
    public Func<string, string, CancellationToken, Task>? SlugMoved { get; init; }
}

/// <summary>What one kind of reference data does when an item of it is deleted, beyond what every kind does.</summary>
public sealed class ReferenceDelete<T>
    where T : class, IReferenceItem
{
    public required ItemKind Kind { get; init; }

    public required string Noun { get; init; }

    public required Func<T, string> Name { get; init; }

    /// <summary>
    /// Lets go of what points at the item (a standard's committee, a chain's next version), tracked rather than bulk-updated
    /// so that the change log records every item that changes with it.
    /// </summary>
    public Func<T, CancellationToken, Task>? Detach { get; init; }

    /// <summary>After the delete: what followed its slug (saved searches) forgets it, in the same transaction.</summary>
    public Func<string, CancellationToken, Task>? SlugGone { get; init; }
}

/// <summary>
/// The save every reference-data editor shares: create, or load and check the version the form was read at; the audit
/// entry, the saved version and a changed slug's former address, in the command's transaction; a save that overlapped
/// another one becomes a conflict to resolve, never a lost update or an error.
/// </summary>
public sealed class ReferenceSave(PortalDbContext db, EditorialRecorder recorder)
{
    public DateTimeOffset Now => recorder.Now;

    public async Task<int> SaveAsync<T>(int? id, uint version, ReferenceEdit<T> edit, CancellationToken ct)
        where T : class, IReferenceItem
    {
        if (id is not { } existingId)
        {
            return await CreateAsync(edit, ct);
        }

        var items = db.Set<T>();
        var existing = await edit.Load(items).SingleOrDefaultAsync(i => i.Id == existingId, ct) ?? throw new NotFoundException(edit.Noun);
        var stored = edit.Snapshot(existing);
        var storedVersion = existing.Version;
        var oldSlug = existing.Slug;
        edit.Apply(existing);
        var attempted = edit.Snapshot(existing);
        if (version != storedVersion)
        {
            throw new ConcurrencyConflictException(edit.Name(existing), stored, attempted, storedVersion);
        }

        db.Entry(existing).Property(edit.VersionedProperty).IsModified = true;
        if (stored != attempted)
        {
            edit.Changed?.Invoke(existing);
        }

        recorder.Audit(edit.Kind, existingId, edit.Name(existing), "saved");
        await recorder.SlugChangedAsync(edit.Kind, existingId, oldSlug, existing.Slug, ct);
        await recorder.AddVersionAsync(edit.Kind, existingId, attempted, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (EditorialRecorder.IsOverlappingSave(ex))
        {
            db.ChangeTracker.Clear();
            var now = await edit.Load(items.AsNoTracking()).SingleAsync(i => i.Id == existingId, ct);
            throw new ConcurrencyConflictException(edit.Name(now), edit.Snapshot(now), attempted, now.Version);
        }

        if (edit.SlugMoved is { } moved)
        {
            await moved(oldSlug, existing.Slug, ct);
        }

        return existingId;
    }

    /// <summary>
    /// Deletes an item nothing depends on (<see cref="DeletionRules"/> says why when something does): its relations go with
    /// it, then what the kind detaches, the audit entry and the delete are saved together.
    /// </summary>
    public async Task DeleteAsync<T>(int id, ReferenceDelete<T> delete, CancellationToken ct)
        where T : class, IReferenceItem
    {
        var item = await db.Set<T>().SingleOrDefaultAsync(i => i.Id == id, ct) ?? throw new NotFoundException(delete.Noun);
        var name = delete.Name(item);
        if (await DeletionRules.RefusalAsync(db, delete.Kind, id, name, ct) is { } refusal)
        {
            throw ReferenceData.Refuse("", refusal);
        }

        // Tracked, not bulk-deleted: the other ends of the relations change too, and the change log says so.
        var kind = delete.Kind;
        db.Relations.RemoveRange(await db.Relations
            .Where(r => (r.SubjectKind == kind && r.SubjectId == id) || (r.ObjectKind == kind && r.ObjectId == id)).ToListAsync(ct));
        if (delete.Detach is { } detach)
        {
            await detach(item, ct);
        }

        db.Set<T>().Remove(item);
        recorder.Audit(kind, id, name, "deleted");
        await db.SaveChangesAsync(ct);
        if (delete.SlugGone is { } gone)
        {
            await gone(item.Slug, ct);
        }
    }

    /// <summary>A new item has no id before it is saved: it is saved first, then its audit entry and first version.</summary>
    private async Task<int> CreateAsync<T>(ReferenceEdit<T> edit, CancellationToken ct)
        where T : class, IReferenceItem
    {
        var item = edit.Create();
        edit.Apply(item);
        edit.Changed?.Invoke(item);
        db.Set<T>().Add(item);
        await db.SaveChangesAsync(ct);
        recorder.Audit(edit.Kind, item.Id, edit.Name(item), "created");
        await recorder.AddVersionAsync(edit.Kind, item.Id, edit.Snapshot(item), ct);
        await db.SaveChangesAsync(ct);
        return item.Id;
    }
}
