using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Accounts;

/// <summary>
/// Every account action in the audit log, in the same unit of work as the action: who did it (the signed-in user; for
/// what someone does to their own account without being signed in, such as following a confirmation link, the
/// account itself), and the account it is about, so erasing an account erases its name from the log too.
/// </summary>
public sealed class AccountAudit(PortalDbContext db, ICurrentUser currentUser, TimeProvider clock)
{
    /// <summary>The name the audit log keeps for an account that was deleted.</summary>
    public const string DeletedAccount = "deleted account";

    public void Record(PortalUser subject, string action, string? detail = null)
    {
        var byOther = currentUser.UserId is not null && currentUser.UserId != subject.Id;
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            UserId = currentUser.UserId ?? subject.Id,
            UserName = byOther || currentUser.UserId is not null ? currentUser.Name : subject.DisplayName ?? subject.Email ?? "system",
            Action = action,
            ItemKind = ItemKind.User,
            ItemTitle = subject.Email,
            SubjectUserId = subject.Id,
            Detail = detail,
        });
    }

    /// <summary>An account action by the operator (the command line, the first start): no one is signed in.</summary>
    public void RecordBySystem(PortalUser subject, string action, string? detail = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(), UserId = null, UserName = "system", Action = action, ItemKind = ItemKind.User,
            ItemTitle = subject.Email, SubjectUserId = subject.Id, Detail = detail,
        });
}
