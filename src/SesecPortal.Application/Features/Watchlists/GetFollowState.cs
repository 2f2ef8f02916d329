using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Search;

namespace SesecPortal.Application.Features.Watchlists;

/// <summary>
/// For a follow button: the id of the sector, standard or organisation with this slug (or the search with these words
/// and filters), and whether the signed-in member follows it. Null when there is nothing to follow.
/// </summary>
public static class GetFollowState
{
    /// <param name="Kinds">A search's filters as the search applied them (unknown values already dropped).</param>
    public sealed record Query(
        WatchKind Kind, string? Slug = null, string? Q = null,
        IReadOnlyList<string>? Kinds = null, IReadOnlyList<string>? Sectors = null, IReadOnlyList<string>? Authorities = null) : IQuery<Result?>;

    /// <param name="WatchItemId">The member's watchlist item when they follow it.</param>
    /// <param name="Full">The watchlist holds as many things as it can.</param>
    public sealed record Result(int? ItemId, int? WatchItemId, bool Full);

    public sealed class Handler(PortalDbContext db, ICurrentUser user) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            int? itemId = null;
            string q = "", filters = "";
            if (query.Kind == WatchKind.Search)
            {
                q = SavedSearch.Normalize(query.Q);
                if (q.Length == 0 || q.Length > SavedSearch.MaxLength || SearchSyntax.Parse(q).IsEmpty)
                {
                    return null;
                }

                filters = SavedSearch.Filters(query.Kinds, query.Sectors, query.Authorities);
            }
            else
            {
                var slug = query.Slug ?? "";
                itemId = query.Kind switch
                {
                    WatchKind.Sector => await db.Sectors.Where(s => s.Slug == slug).Select(s => (int?)s.Id).SingleOrDefaultAsync(ct),
                    WatchKind.Standard => await db.Standards.Where(s => s.Slug == slug).Select(s => (int?)s.Id).SingleOrDefaultAsync(ct),
                    WatchKind.Organisation => await db.Organisations.Where(o => o.Slug == slug).Select(o => (int?)o.Id).SingleOrDefaultAsync(ct),
                    _ => null,
                };
                if (itemId is null)
                {
                    return null;
                }
            }

            if (user.UserId is not { } userId)
            {
                return new Result(itemId, null, false);
            }

            var watchlist = await db.Watchlists.AsNoTracking().Where(w => w.UserId == userId)
                .Select(w => new
                {
                    Count = w.Items.Count,
                    Followed = w.Items.Where(i => i.Kind == query.Kind && i.ItemId == itemId && i.Query == q && i.Filters == filters).Select(i => (int?)i.Id).FirstOrDefault(),
                })
                .SingleOrDefaultAsync(ct);
            return new Result(itemId, watchlist?.Followed, watchlist is not null && watchlist.Count >= Watchlist.MaxItems);
        }
    }
}
