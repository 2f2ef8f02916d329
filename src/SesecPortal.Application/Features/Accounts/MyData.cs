using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Watchlists;

namespace SesecPortal.Application.Features.Accounts;

/// <summary>"Download my data": everything the portal keeps about the signed-in member, as one JSON document.</summary>
public static class ExportMyData
{
    public sealed record Query : IQuery<Result>;

    public sealed record Result(AccountData Account, WatchlistData? Watchlist, PreferencesData Preferences, IReadOnlyList<ActivityData> Activity, DateTimeOffset ExportedAt);

    public sealed record AccountData(string Email, string? DisplayName, bool EmailConfirmed, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt);

    public sealed record WatchlistData(IReadOnlyList<FollowData> Following, DateTimeOffset? LastVisitAt, bool HasPrivateFeed, DateTimeOffset CreatedAt);

    public sealed record FollowData(string Kind, string Name, string? Url, DateTimeOffset Since);

    public sealed record PreferencesData(string WatchlistAlerts, bool Newsletter, DateTimeOffset? AlertsCoveredUntil);

    public sealed record ActivityData(DateTimeOffset At, string Action, string? Detail);

    public sealed class Handler(
        PortalDbContext db, UserManager<PortalUser> users, ICurrentUser currentUser, AccountAudit audit, TimeProvider clock, IPortalAddresses addresses)
        : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var user = await Me.FindAsync(users, currentUser);
            var roles = await users.GetRolesAsync(user);
            var watchlist = await db.Watchlists.AsNoTracking().Where(w => w.UserId == user.Id)
                .Select(w => new { w.Id, w.LastVisitAt, HasFeed = w.FeedTokenHash != null, w.CreatedAt, w.Alerts, w.AlertsCoveredUntil }).SingleOrDefaultAsync(ct);
            var follows = watchlist is null ? [] : await WatchlistReader.FollowsAsync(db, addresses, watchlist.Id, ct);
            var newsletter = await db.NewsletterSubscriptions.AnyAsync(s => s.UserId == user.Id, ct);
            var activity = await db.AuditEntries.AsNoTracking().Where(a => a.SubjectUserId == user.Id).OrderBy(a => a.At)
                .Select(a => new ActivityData(a.At, a.Action, a.Detail)).ToListAsync(ct);
            // Reading one's own data is an account action too; the entry is saved on its own (a query changes nothing else).
            audit.Record(user, "downloaded their data");
            await db.SaveChangesAsync(ct);
            return new Result(
                new AccountData(user.Email!, user.DisplayName, user.EmailConfirmed, [.. roles.Order(StringComparer.Ordinal)], user.CreatedAt),
                watchlist is null ? null : new WatchlistData(
                    [.. follows.Select(f => new FollowData(f.Kind.ToString(), f.Name, f.Url, f.CreatedAt))], watchlist.LastVisitAt, watchlist.HasFeed, watchlist.CreatedAt),
                new PreferencesData((watchlist?.Alerts ?? AlertFrequency.Weekly).ToString(), newsletter, watchlist?.AlertsCoveredUntil),
                activity, clock.GetUtcNow());
        }
    }
}

/// <summary>
/// The signed-in member deletes their account, giving their password: the account, its watchlist, preferences,
/// newsletter subscription and the mail to its address are erased; the audit log keeps what was done, by and to
/// "deleted account" instead of a name. The last admin cannot delete their account.
/// </summary>
public static class DeleteAccount
{
    public sealed record Command(string Password) : ICommand<Unit>;

    public sealed class Validator : FluentValidation.AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Password).NotEmpty().WithMessage("Enter your password to delete your account.");
    }

    public sealed class Handler(PortalDbContext db, UserManager<PortalUser> users, ICurrentUser currentUser, TimeProvider clock) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var user = await Me.FindAsync(users, currentUser);
            if (!await users.CheckPasswordAsync(user, command.Password))
            {
                throw Me.Failure(nameof(Command.Password), "That is not your password.");
            }

            if (await users.IsInRoleAsync(user, Roles.Admin) && (await users.GetUsersInRoleAsync(Roles.Admin)).Count == 1)
            {
                throw Me.Failure("", "You are the only admin: make another admin first, so someone can still manage the portal.");
            }

            var names = new[] { user.Email!, user.DisplayName ?? user.Email!, user.UserName ?? user.Email! }.Distinct().ToArray();
            await db.OutboxMessages.Where(m => m.Recipient == user.Email).ExecuteDeleteAsync(ct);
            await db.AuditEntries.Where(a => a.SubjectUserId == user.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.ItemTitle, AccountAudit.DeletedAccount).SetProperty(a => a.Detail, (string?)null).SetProperty(a => a.SubjectUserId, (string?)null), ct);
            await db.AuditEntries.Where(a => a.UserId == user.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.UserName, AccountAudit.DeletedAccount).SetProperty(a => a.UserId, (string?)null), ct);
            // Names kept with editorial work (versions, revisions) are personal data too.
            await db.ContentVersions.Where(v => v.AuthorId == user.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.AuthorName, AccountAudit.DeletedAccount).SetProperty(v => v.AuthorId, (string?)null), ct);
            await db.ArticleRevisions.Where(r => r.AuthorId == user.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.AuthorName, AccountAudit.DeletedAccount).SetProperty(r => r.AuthorId, (string?)null), ct);
            await db.ArticleRevisions.Where(r => r.UpdatedByName != null && names.Contains(r.UpdatedByName))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.UpdatedByName, AccountAudit.DeletedAccount), ct);
            await db.ArticleRevisions.Where(r => r.ApprovedByName != null && names.Contains(r.ApprovedByName))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ApprovedByName, AccountAudit.DeletedAccount), ct);
            // The watchlist and its follows, the newsletter subscription, roles, logins and tokens go with the account (cascades).
            IdentityResults.ThrowIfFailed(await users.DeleteAsync(user), "");
            db.AuditEntries.Add(new AuditEntry
            {
                At = clock.GetUtcNow(), UserId = null, UserName = AccountAudit.DeletedAccount, Action = "deleted the account",
                ItemKind = ItemKind.User, ItemTitle = AccountAudit.DeletedAccount,
            });
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}

/// <summary>The signed-in member's account, for "My account".</summary>
public static class GetMyAccount
{
    public sealed record Query : IQuery<ExportMyData.AccountData>;

    public sealed class Handler(UserManager<PortalUser> users, ICurrentUser currentUser) : IQueryHandler<Query, ExportMyData.AccountData>
    {
        public async ValueTask<ExportMyData.AccountData> Handle(Query query, CancellationToken cancellationToken)
        {
            var user = await Me.FindAsync(users, currentUser);
            var roles = await users.GetRolesAsync(user);
            return new ExportMyData.AccountData(user.Email!, user.DisplayName, user.EmailConfirmed, [.. roles.Order(StringComparer.Ordinal)], user.CreatedAt);
        }
    }
}
