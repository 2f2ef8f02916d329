using Microsoft.EntityFrameworkCore;
using Npgsql;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Editorial;

/// <summary>
/// Adds the audit entry and, for reference data, the saved version to the handler's unit of work:
/// they are committed by the handler's own <c>SaveChangesAsync</c>, together with the change, or not at all.
/// </summary>
public sealed class EditorialRecorder(PortalDbContext db, ICurrentUser currentUser, TimeProvider clock)
{
    public void Audit(ItemKind kind, int? itemId, string? itemTitle, string action, string? detail = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            UserId = currentUser.UserId,
            UserName = currentUser.Name,
            Action = action,
            ItemKind = kind,
            ItemId = itemId,
            ItemTitle = Truncate(itemTitle, 500),
            Detail = Truncate(detail, 4000),
        });

    /// <summary>
    /// Records a new version of an item. A new item has no id before it is saved: save it first, inside the handler's
    /// transaction, then record its first version.
    /// </summary>
    public async Task AddVersionAsync(ItemKind kind, int itemId, string snapshot, CancellationToken ct)
    {
        var last = await db.ContentVersions.Where(v => v.ItemKind == kind && v.ItemId == itemId)
            .MaxAsync(v => (int?)v.Number, ct) ?? 0;
        db.ContentVersions.Add(new ContentVersion
        {
            ItemKind = kind,
            ItemId = itemId,
            Number = last + 1,
            Snapshot = snapshot,
            AuthorId = currentUser.UserId,
            AuthorName = currentUser.Name,
            CreatedAt = clock.GetUtcNow(),
        });
    }

    /// <summary>
    /// Remembers an item's old address when its slug changes, so links to it are sent on; the new slug stops being
    /// anyone's former one. Part of the handler's unit of work.
    /// </summary>
    public async Task SlugChangedAsync(ItemKind kind, int itemId, string oldSlug, string newSlug, CancellationToken ct)
    {
        if (oldSlug == newSlug)
        {
            return;
        }

        if (await db.FormerSlugs.FindAsync([kind, oldSlug], ct) is { } former)
        {
            former.ItemId = itemId;
        }
        else
        {
            db.FormerSlugs.Add(new FormerSlug { Kind = kind, Slug = oldSlug, ItemId = itemId });
        }

        if (await db.FormerSlugs.FindAsync([kind, newSlug], ct) is { } taken)
        {
            db.FormerSlugs.Remove(taken);
        }
    }

    /// <summary>
    /// Whether a save failed because someone else saved the same item while it ran. The database meets their save
    /// either at the item's row (the version check) or at the version they recorded with the same number (the unique
    /// index), depending on which statement runs first: both are the same conflict, not an error.
    /// </summary>
    public static bool IsOverlappingSave(DbUpdateException exception) =>
        exception is DbUpdateConcurrencyException
        || exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: VersionNumberIndex };

    /// <summary>The unique index on an item's version numbers.</summary>
    private const string VersionNumberIndex = "ix_content_versions_item_kind_item_id_number";

    public string UserName => currentUser.Name;

    public string? UserId => currentUser.UserId;

    public bool IsAdmin => currentUser.IsInRole(Roles.Admin);

    public DateTimeOffset Now => clock.GetUtcNow();

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}
