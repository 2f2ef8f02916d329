using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Changes;
using SesecPortal.Application.Common;
using SesecPortal.Application.Common.Behaviors;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Mail;
using SesecPortal.Application.Features.Search;

namespace SesecPortal.Application.Features.Watchlists;

/// <summary>
/// The alert job (run by the scheduler every <c>Alerts:PollSeconds</c>): each watchlist whose alert is due
/// (<see cref="AlertSchedule"/>) is sent what changed about what it follows since the end of its last alert, with the
/// watchlist page's reasons and links (<see cref="WatchlistReader.ChangesSinceAsync"/>, the one place that answers
/// "what changed since", matched in this instance's search index once it has caught up with the change log), or
/// nothing when nothing did; either way the period is marked covered. Each watchlist is
/// handled in its own transaction under a row lock taken with <c>SKIP LOCKED</c>, and its due-ness read again under
/// the lock, so several instances running the job at the same boundary send one alert.
/// Returns the number of alerts queued.
/// </summary>
public static class SendWatchlistAlerts
{
    public const int MaxChanges = 50;
    public const int BatchSize = 100;

    /// <summary>Batched: each watchlist is handled in a transaction of its own, under its row lock.</summary>
    public sealed record Command : ICommand<int>, IBatchedCommand;

    public sealed class Handler(
        PortalDbContext db, PortalSearchIndex search, IChangeFeed feed, Outbox outbox, SiteAddress site, AlertOptions options, TimeProvider clock, IPortalAddresses addresses)
        : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var now = clock.GetUtcNow();
            var daily = AlertSchedule.LatestBoundary(AlertFrequency.Daily, now, options)!.Value;
            var weekly = AlertSchedule.LatestBoundary(AlertFrequency.Weekly, now, options)!.Value;
            var candidates = await db.Watchlists.AsNoTracking()
                .Where(w => w.Items.Any() && db.Users.Any(u => u.Id == w.UserId && u.EmailConfirmed)
                    && ((w.Alerts == AlertFrequency.Daily && (w.AlertsCoveredUntil ?? w.CreatedAt) < daily)
                        || (w.Alerts == AlertFrequency.Weekly && (w.AlertsCoveredUntil ?? w.CreatedAt) < weekly)
                        || (w.Alerts == AlertFrequency.Immediately && (w.AlertsCoveredUntil ?? w.CreatedAt) < now)))
                .OrderBy(w => w.Id).Select(w => w.Id).Take(BatchSize).ToListAsync(ct);
            if (candidates.Count > 0)
            {
                // What the alerts match is this instance's search index: it first applies everything committed so far, so
                // an alert never misses a change committed before its period ends (another instance's edit included).
                await feed.CatchUpAsync(ct);
            }

            var queued = 0;
            foreach (var id in candidates)
            {
                queued += await AlertAsync(id, now, ct) ? 1 : 0;
                db.ChangeTracker.Clear();
            }

            return queued;
        }

        private async Task<bool> AlertAsync(int watchlistId, DateTimeOffset now, CancellationToken ct)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var watchlist = await db.Watchlists.FromSql($"SELECT * FROM watchlists WHERE id = {watchlistId} FOR UPDATE SKIP LOCKED").SingleOrDefaultAsync(ct);
            // Another instance is on it, or has done it since the candidates were read.
            if (watchlist is null || !AlertSchedule.IsDue(watchlist.Alerts, watchlist.AlertsCoveredUntil, watchlist.CreatedAt, now, options))
            {
                return false;
            }

            var since = watchlist.AlertsCoveredUntil ?? watchlist.CreatedAt;
            var email = await db.Users.Where(u => u.Id == watchlist.UserId).Select(u => u.Email).SingleAsync(ct);
            var (_, changes) = await WatchlistReader.ChangesSinceAsync(db, search, addresses, watchlist.Id, since, now, MaxChanges + 1, ct);
            watchlist.AlertsCoveredUntil = now;
            if (changes.Count > 0)
            {
                outbox.Enqueue(MailKind.WatchlistAlert, email!, Compose(watchlist.Alerts, since, changes), UnsubscribeTokens.Alerts(watchlist.Id));
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return changes.Count > 0;
        }

        private ComposedMail Compose(AlertFrequency frequency, DateTimeOffset since, List<WatchedChange> changes)
        {
            var listed = changes.Take(MaxChanges).ToList();
            var count = changes.Count > MaxChanges ? $"More than {MaxChanges}" : listed.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var mail = new MailComposer(site, $"SesecPortal: {count} new or changed about what you follow")
                .Heading($"New or changed since {MailComposer.Date(since)}");
            foreach (var c in listed)
            {
                var eyebrow = c.Kind + (c.At is { } at ? $" · {(c.Kind == "article" ? "online" : "changed")} {MailComposer.Date(at)}" : "") + (c.Date is null ? "" : $" · dated {c.Date}");
                mail.Item(eyebrow, c.Title, c.Url, note: $"Because you follow {string.Join("; ", c.Reasons)}.");
            }

            if (changes.Count > MaxChanges)
            {
                mail.Paragraph($"Only the newest {MaxChanges} are listed here; your watchlist has the rest.");
            }

            return mail.Button("Open my watchlist", addresses.Watchlist)
                .Footer($"You get these alerts {AlertSchedule.Describe(frequency)} because you follow sectors, standards, organisations or searches on SesecPortal.",
                    ("Change how often", addresses.Preferences), ("Unsubscribe from these alerts", MailComposer.UnsubscribePlaceholder))
                .Build();
        }
    }
}
