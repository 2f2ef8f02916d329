using Mediator;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Watchlists;

/// <summary>
/// The signed-in member opens "My watchlist": their watchlist is made if they have none, and this visit becomes their
/// last one. The answer is the visit before (null on the first), so the page being shown lists what changed since then.
/// </summary>
public static class VisitWatchlist
{
    public sealed record Command : ICommand<Result>;

    public sealed record Result(DateTimeOffset? PreviousVisit, DateTimeOffset Now);

    public sealed class Handler(PortalDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = user.UserId ?? throw new InvalidOperationException("Only a signed-in member has a watchlist.");
            try
            {
                return await VisitAsync(userId, cancellationToken);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Another tab made the watchlist a moment ago: visit that one.
                db.ChangeTracker.Clear();
                return await VisitAsync(userId, cancellationToken);
            }
        }

        private async Task<Result> VisitAsync(string userId, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var watchlist = await db.Watchlists.SingleOrDefaultAsync(w => w.UserId == userId, ct);
            if (watchlist is null)
            {
                watchlist = new Watchlist { UserId = userId, CreatedAt = now };
                db.Watchlists.Add(watchlist);
            }

            var previous = watchlist.LastVisitAt;
            watchlist.LastVisitAt = now;
            await db.SaveChangesAsync(ct);
            return new Result(previous, now);
        }
    }
}
