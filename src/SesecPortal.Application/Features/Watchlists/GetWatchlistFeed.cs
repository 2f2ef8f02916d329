using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.OpenData;
using SesecPortal.Application.Features.Search;

namespace SesecPortal.Application.Features.Watchlists;

/// <summary>
/// A watchlist's private Atom feed, found by the hash of the secret token in its address: the latest
/// <see cref="GetFeed.Size"/> items about what it follows (not only what is new since a visit; reading it is no visit).
/// Null for a malformed, unknown, regenerated or revoked token.
/// </summary>
public static class GetWatchlistFeed
{
    public sealed record Query(string Token) : IQuery<GetFeed.Result?>;

    public sealed class Handler(PortalDbContext db, PortalSearchIndex search, TimeProvider clock, IPortalAddresses addresses) : IQueryHandler<Query, GetFeed.Result?>
    {
        public async ValueTask<GetFeed.Result?> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            if (!FeedToken.IsWellFormed(query.Token))
            {
                return null;
            }

            var hash = FeedToken.Hash(query.Token);
            var watchlistId = await db.Watchlists.AsNoTracking().Where(w => w.FeedTokenHash == hash).Select(w => (int?)w.Id).SingleOrDefaultAsync(ct);
            if (watchlistId is null)
            {
                return null;
            }

            var follows = await WatchlistReader.FollowsAsync(db, addresses, watchlistId.Value, ct);
            var changes = await WatchlistReader.ChangesAsync(db, search, addresses, follows, null, clock.GetUtcNow(), GetFeed.Size, ct);
            return new GetFeed.Result("SesecPortal: my watchlist", addresses.Watchlist, [.. changes.Select(c => new GetFeed.Entry(
                c.Key, c.Kind, c.Title, c.Url, $"Because you follow {string.Join("; ", c.Reasons)}.", c.On))]);
        }
    }
}
