using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;

namespace SesecPortal.Application.Features.Watchlists;

/// <summary>
/// The signed-in member stops following one thing of their own watchlist. Another member's item is not found
/// (<see cref="NotFoundException"/>): nobody can tell whether it exists.
/// </summary>
public static class UnfollowItem
{
    public sealed record Command(int Id) : ICommand<Result>;

    /// <summary>What is no longer followed.</summary>
    public sealed record Result(string Name);

    public sealed class Handler(PortalDbContext db, ICurrentUser user) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var userId = user.UserId ?? throw new InvalidOperationException("Only a signed-in member has a watchlist.");
            var item = await db.WatchItems
                .Where(i => i.Id == command.Id && db.Watchlists.Any(w => w.Id == i.WatchlistId && w.UserId == userId))
                .SingleOrDefaultAsync(ct) ?? throw new NotFoundException($"Watchlist item {command.Id}");
            var name = item.Kind == Domain.WatchKind.Search
                ? Domain.SavedSearch.Describe(item.Query, item.Filters)
                : await WatchlistReader.NameAsync(db, item.Kind, item.ItemId ?? 0, ct) ?? $"this {item.Kind.ToString().ToLowerInvariant()}";
            db.WatchItems.Remove(item);
            await db.SaveChangesAsync(ct);
            return new Result(name);
        }
    }
}
