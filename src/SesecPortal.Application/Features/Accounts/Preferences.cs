using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Accounts;

/// <summary>The signed-in member's e-mail preferences: how often their watchlist alerts come, and the newsletter.</summary>
public static class GetPreferences
{
    public sealed record Query : IQuery<Result>;

    public sealed record Result(AlertFrequency Alerts, bool Newsletter, int Following);

    public sealed class Handler(PortalDbContext db, ICurrentUser currentUser) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = currentUser.UserId ?? throw new UnauthorizedAccessException("Sign in first.");
            var watchlist = await db.Watchlists.AsNoTracking().Where(w => w.UserId == userId)
                .Select(w => new { w.Alerts, Following = w.Items.Count }).SingleOrDefaultAsync(cancellationToken);
            var newsletter = await db.NewsletterSubscriptions.AnyAsync(s => s.UserId == userId, cancellationToken);
            return new Result(watchlist?.Alerts ?? AlertFrequency.Weekly, newsletter, watchlist?.Following ?? 0);
        }
    }
}

public static class SavePreferences
{
    public sealed record Command(AlertFrequency Alerts, bool Newsletter) : ICommand<Unit>;

    public sealed class Validator : FluentValidation.AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Alerts).IsInEnum().WithMessage("Choose how often: immediately, daily, weekly or never.");
    }

    public sealed class Handler(PortalDbContext db, UserManager<PortalUser> users, ICurrentUser currentUser, AccountAudit audit, TimeProvider clock)
        : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var user = await Me.FindAsync(users, currentUser);
            var now = clock.GetUtcNow();
            var watchlist = await db.Watchlists.SingleOrDefaultAsync(w => w.UserId == user.Id, ct);
            if (watchlist is null)
            {
                watchlist = new Watchlist { UserId = user.Id, CreatedAt = now };
                db.Watchlists.Add(watchlist);
            }

            var changes = new List<string>();
            if (watchlist.Alerts != command.Alerts)
            {
                changes.Add($"alerts {watchlist.Alerts.ToString().ToLowerInvariant()} → {command.Alerts.ToString().ToLowerInvariant()}");
                // Alerts count from now: a member who turns them on is not sent what changed while they were off.
                if (watchlist.Alerts == AlertFrequency.Off)
                {
                    watchlist.AlertsCoveredUntil = now;
                }

                watchlist.Alerts = command.Alerts;
            }

            var subscription = await db.NewsletterSubscriptions.SingleOrDefaultAsync(s => s.UserId == user.Id, ct);
            if (command.Newsletter && subscription is null)
            {
                var normalized = NewsletterSubscription.Normalize(user.Email!);
                // Subscribed before without signing in: that subscription becomes the member's.
                subscription = await db.NewsletterSubscriptions.SingleOrDefaultAsync(s => s.NormalizedEmail == normalized, ct);
                if (subscription is null)
                {
                    db.NewsletterSubscriptions.Add(new NewsletterSubscription { Email = user.Email!, NormalizedEmail = normalized, UserId = user.Id, CreatedAt = now, ConfirmedAt = now });
                }
                else
                {
                    subscription.UserId = user.Id;
                    subscription.ConfirmedAt ??= now;
                }

                changes.Add("subscribed to the newsletter");
            }
            else if (!command.Newsletter && subscription is not null)
            {
                db.NewsletterSubscriptions.Remove(subscription);
                changes.Add("unsubscribed from the newsletter");
            }

            if (changes.Count > 0)
            {
                audit.Record(user, "changed e-mail preferences", string.Join("; ", changes));
            }

            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}
