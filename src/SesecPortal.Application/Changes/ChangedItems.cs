using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Changes;

/// <summary>
/// The items whose public face a saved row belongs to, for <see cref="ChangeCapture"/>: an event belongs to its standard,
/// a join row to the item that owns the list, a relation to both its ends; rows readers never see belong to none.
/// </summary>
internal static class ChangedItems
{
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

    /// <summary>Entity types readers see, each mapped to the items it belongs to in <see cref="Of"/>.</summary>
    private static readonly HashSet<Type> Public =
    [
        typeof(Article), typeof(ArticleSourceLink), typeof(NewsletterIssue), typeof(IssueSection), typeof(IssueTakeaway), typeof(Policy),
        typeof(PolicyAuthority), typeof(PolicyTarget), typeof(Standard), typeof(StandardEvent), typeof(StandardAdoption), typeof(WorkingGroup), typeof(WorkingGroupMember),
        typeof(WorkingGroupContact), typeof(WorkItem), typeof(Organisation), typeof(Sector), typeof(Relation),
    ];

    /// <summary>Whether the portal says if readers see this entity type.</summary>
    public static bool IsClassified(IEntityType type) =>
        type.HasSharedClrType ? JoinOwner(type) is not null : Internal.Contains(type.ClrType) || IsFramework(type.ClrType) || Public.Contains(type.ClrType);

    /// <summary>The items a row belongs to, read from the given values (current, or original for a deletion or a move).</summary>
    public static IEnumerable<(ItemKind Kind, int Id, ChangeAction Action)> Of(EntityEntry entry, PropertyValues values, ChangeAction action)
    {
        var type = entry.Metadata;
        if (type.HasSharedClrType)
        {
            // A join row: the owner's list changed (an article's sectors); the other end is unchanged.
            return JoinOwner(type) is { } owner && values[owner.Property] is int ownerId && ownerId > 0 ? [(owner.Kind, ownerId, ChangeAction.Saved)] : [];
        }

        var clr = type.ClrType;
        if (Internal.Contains(clr) || IsFramework(clr))
        {
            return [];
        }

        int Id(string property) => values[property] is int i ? i : 0;
        IEnumerable<(ItemKind, int, ChangeAction)> Also(ItemKind kind, string property) =>
            values[property] is int id ? [(kind, id, ChangeAction.Saved)] : [];
        const ChangeAction saved = ChangeAction.Saved;

        return entry.Entity switch
        {
            // A draft nobody reads is not news: an article or issue counts while it is (or was) published.
            Article => IsOrWasPublished(entry, nameof(Article.Status)) ? [(ItemKind.Article, Id(nameof(Article.Id)), action)] : [],
            ArticleSourceLink => [(ItemKind.Article, Id(nameof(ArticleSourceLink.ArticleId)), saved)],
            NewsletterIssue => IsOrWasPublished(entry, nameof(NewsletterIssue.Status)) ? [(ItemKind.Issue, Id(nameof(NewsletterIssue.Id)), action)] : [],
            IssueSection or IssueTakeaway => IssueMayBePublic(entry.Context, Id(nameof(IssueSection.IssueId)))
                ? [(ItemKind.Issue, Id(nameof(IssueSection.IssueId)), saved)]
                : [],
            // The version it follows shows its chain, this version in it (and, read from the original values, the one it left).
            Policy => [(ItemKind.Policy, Id(nameof(Policy.Id)), action), .. Also(ItemKind.Policy, nameof(Policy.PreviousVersionId))],
            PolicyAuthority => [(ItemKind.Policy, Id(nameof(PolicyAuthority.PolicyId)), saved)],
            PolicyTarget =>
            [
                (ItemKind.Target, Id(nameof(PolicyTarget.Id)), action),
                .. Also(ItemKind.Policy, nameof(PolicyTarget.PolicyId)),
                .. Also(ItemKind.Standard, nameof(PolicyTarget.StandardId)),
            ],
            Standard => [(ItemKind.Standard, Id(nameof(Standard.Id)), action)],
            StandardEvent => [(ItemKind.Standard, Id(nameof(StandardEvent.StandardId)), saved)],
            StandardAdoption => [(ItemKind.Standard, Id(nameof(StandardAdoption.StandardId)), saved)],
            WorkingGroup => [(ItemKind.WorkingGroup, Id(nameof(WorkingGroup.Id)), action)],
            WorkingGroupMember => [(ItemKind.WorkingGroup, Id(nameof(WorkingGroupMember.WorkingGroupId)), saved)],
            WorkingGroupContact => [(ItemKind.WorkingGroup, Id(nameof(WorkingGroupContact.WorkingGroupId)), saved)],
            WorkItem => [(ItemKind.WorkingGroup, Id(nameof(WorkItem.WorkingGroupId)), saved), .. Also(ItemKind.Standard, nameof(WorkItem.StandardId))],
            Organisation => [(ItemKind.Organisation, Id(nameof(Organisation.Id)), action)],
            Sector => [(ItemKind.Sector, Id(nameof(Sector.Id)), action)],
            // "Connections" show on both ends.
            Relation =>
            [
                ((ItemKind)values[nameof(Relation.SubjectKind)]!, Id(nameof(Relation.SubjectId)), saved),
                ((ItemKind)values[nameof(Relation.ObjectKind)]!, Id(nameof(Relation.ObjectId)), saved),
            ],
            _ => throw new InvalidOperationException(
                $"{clr.Name} is saved but ChangeCapture does not know whether readers see it: map it to the items it belongs to, or list it as internal."),
        };
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
