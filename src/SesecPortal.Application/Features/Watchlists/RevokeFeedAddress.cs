using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;

namespace SesecPortal.Application.Features.Watchlists;

/// <summary>The signed-in member's private feed address stops working, and there is none until they make a new one.</summary>
public static class RevokeFeedAddress
{
    public sealed record Command : ICommand<Unit>;

    public sealed class Handler(PortalDbContext db, ICurrentUser user) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = user.UserId ?? throw new InvalidOperationException("Only a signed-in member has a watchlist.");
            await db.Watchlists.Where(w => w.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(w => w.FeedTokenHash, (string?)null), cancellationToken);
            return Unit.Value;
        }
    }
}
