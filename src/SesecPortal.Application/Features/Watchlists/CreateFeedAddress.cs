using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Watchlists;

/// <summary>
/// Makes (or makes anew) the signed-in member's private feed address: a new secret token, of which only the hash is
/// kept. The token is returned once, to be shown once; an earlier address stops working.
/// </summary>
public static class CreateFeedAddress
{
    public sealed record Command : ICommand<Result>;

    /// <param name="Token">The secret: the feed is <c>/watchlist/feed/{Token}.atom</c>.</param>
    public sealed record Result(string Token);

    public sealed class Handler(PortalDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = user.UserId ?? throw new InvalidOperationException("Only a signed-in member has a watchlist.");
            var watchlist = await db.Watchlists.SingleOrDefaultAsync(w => w.UserId == userId, cancellationToken);
            if (watchlist is null)
            {
                watchlist = new Watchlist { UserId = userId, CreatedAt = clock.GetUtcNow() };
                db.Watchlists.Add(watchlist);
            }

            var token = FeedToken.Create();
            watchlist.FeedTokenHash = FeedToken.Hash(token);
            await db.SaveChangesAsync(cancellationToken);
            return new Result(token);
        }
    }
}
