using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Features.Search;

namespace SesecPortal.Application.Features.Watchlists;

/// <summary>
/// "My watchlist": what the signed-in member follows; what went online or changed in (since, until] about it, newest
/// first, at most <see cref="MaxChanges"/>; and the latest about it whatever the time. A fixed handful of statements
/// however much is followed, and one index search per follow.
/// </summary>
public static class GetWatchlist
{
    public const int MaxChanges = 100;
    public const int LatestCount = 20;

    /// <summary>What a first visit lists: the last days.</summary>
    public const int FirstVisitDays = 30;

    public sealed record Query(DateTimeOffset Since, DateTimeOffset Until) : IQuery<Result>;

    /// <param name="MoreChanges">More changed than <see cref="MaxChanges"/>: only the newest are listed.</param>
    /// <param name="Latest">The latest about what is followed, apart from what <paramref name="Changes"/> lists.</param>
    /// <param name="HasFeed">A private feed address exists (it is shown only when made).</param>
    public sealed record Result(
        IReadOnlyList<Followed> Following, IReadOnlyList<WatchedChange> Changes, bool MoreChanges, IReadOnlyList<WatchedChange> Latest, bool HasFeed);

    public sealed class Handler(PortalDbContext db, PortalSearchIndex search, ICurrentUser user, IPortalAddresses addresses) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var userId = user.UserId;
            var watchlist = userId is null ? null : await db.Watchlists.AsNoTracking().Where(w => w.UserId == userId)
                .Select(w => new { w.Id, HasFeed = w.FeedTokenHash != null }).SingleOrDefaultAsync(ct);
            if (watchlist is null)
            {
                return new Result([], [], false, [], false);
            }

            var (follows, changes) = await WatchlistReader.ChangesSinceAsync(db, search, addresses, watchlist.Id, query.Since, query.Until, MaxChanges + 1, ct);
            var latest = await WatchlistReader.ChangesAsync(db, search, addresses, follows, null, query.Until, LatestCount + Math.Min(changes.Count, MaxChanges), ct);
            var listed = changes.Take(MaxChanges).Select(c => c.Key).ToHashSet();
            return new Result(
                [.. follows.Select(f => f.ToFollowed())], [.. changes.Take(MaxChanges)], changes.Count > MaxChanges,
                [.. latest.Where(c => !listed.Contains(c.Key)).Take(LatestCount)], watchlist.HasFeed);
        }
    }
}
