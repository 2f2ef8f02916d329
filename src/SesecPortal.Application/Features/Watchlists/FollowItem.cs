using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Search;
using SesecPortal.Search;

namespace SesecPortal.Application.Features.Watchlists;

/// <summary>
/// The signed-in member follows a sector, a standard, an organisation (by id) or a search (its words, normalised, and
/// its kind, sector and authority filters). Their watchlist is made on the first follow. Following the same thing twice
/// is following it once; a watchlist holds at most <see cref="Watchlist.MaxItems"/> things.
/// </summary>
public static class FollowItem
{
    public sealed record Command : ICommand<Result>
    {
        public WatchKind Kind { get; set; }
        public int? ItemId { get; set; }
        /// <summary>A search's words.</summary>
        public string? Query { get; set; }
        /// <summary>A search's filters, as the search page's address has them (kind, sector and authority slugs).</summary>
        public List<string> Kinds { get; set; } = [];
        public List<string> Sectors { get; set; } = [];
        public List<string> Authorities { get; set; } = [];
    }

    /// <param name="Added">False when it was followed already.</param>
    public sealed record Result(int Id, string Name, bool Added);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Kind).IsInEnum();
            When(c => c.Kind == WatchKind.Search, () =>
            {
                RuleFor(c => c.Query).Cascade(CascadeMode.Stop)
                    .Must(q => SavedSearch.Normalize(q).Length > 0).WithMessage("Type the words of the search to follow.")
                    .Must(q => SavedSearch.Normalize(q).Length <= SavedSearch.MaxLength).WithMessage($"A followed search is at most {SavedSearch.MaxLength} characters.")
                    .Must(q => !SearchSyntax.Parse(q).IsEmpty)
                    .WithMessage("This search has no words to look for (only punctuation or exclusions): add a word to follow it.");
                RuleFor(c => c.Kinds).Must((c, _) => c.Kinds.Count + c.Sectors.Count + c.Authorities.Count <= QueryInput.MaxValues)
                    .WithMessage($"A followed search keeps at most {QueryInput.MaxValues} filters.");
            });
            When(c => c.Kind != WatchKind.Search, () => RuleFor(c => c.ItemId).NotNull().GreaterThan(0).WithMessage("Say what to follow."));
        }
    }

    public sealed class Handler(PortalDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var userId = user.UserId ?? throw new InvalidOperationException("Only a signed-in member has a watchlist.");
            int? itemId = null;
            string query = "", filters = "", name;
            if (command.Kind == WatchKind.Search)
            {
                (query, filters, name) = await SearchAsync(command, ct);
            }
            else
            {
                itemId = command.ItemId!.Value;
                name = await WatchlistReader.NameAsync(db, command.Kind, itemId.Value, ct)
                    ?? throw new NotFoundException($"{command.Kind} {itemId}");
            }

            var watchlist = await db.Watchlists.SingleOrDefaultAsync(w => w.UserId == userId, ct);
            if (watchlist is not null)
            {
                var existing = await db.WatchItems
                    .Where(i => i.WatchlistId == watchlist.Id && i.Kind == command.Kind && i.ItemId == itemId && i.Query == query && i.Filters == filters)
                    .Select(i => (int?)i.Id).FirstOrDefaultAsync(ct);
                if (existing is { } id)
                {
                    return new Result(id, name, false);
                }

                if (await db.WatchItems.CountAsync(i => i.WatchlistId == watchlist.Id, ct) >= Watchlist.MaxItems)
                {
                    throw new ValidationException([new ValidationFailure("", $"Your watchlist follows {Watchlist.MaxItems} things, the most it can hold: unfollow something first.")]);
                }
            }
            else
            {
                watchlist = new Watchlist { UserId = userId, CreatedAt = clock.GetUtcNow() };
                db.Watchlists.Add(watchlist);
            }

            var item = new WatchItem { Kind = command.Kind, ItemId = itemId, Query = query, Filters = filters, CreatedAt = clock.GetUtcNow() };
            watchlist.Items.Add(item);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // The same follow (or the first follow of the same member) a moment ago, from another tab: it is followed.
                db.ChangeTracker.Clear();
                var id = await db.WatchItems.Where(i => i.Kind == command.Kind && i.ItemId == itemId && i.Query == query && i.Filters == filters)
                    .Where(i => db.Watchlists.Any(w => w.Id == i.WatchlistId && w.UserId == userId))
                    .Select(i => (int?)i.Id).FirstOrDefaultAsync(ct);
                return id is { } found ? new Result(found, name, false) : throw new ValidationException("Please try again: your watchlist changed meanwhile.");
            }

            return new Result(item.Id, name, true);
        }

        /// <summary>A search followed: its query, and only the filters that name something, as the search page keeps them.</summary>
        private async Task<(string Query, string Filters, string Name)> SearchAsync(Command command, CancellationToken ct)
        {
            var query = SavedSearch.Normalize(command.Query);
            var sectors = QueryInput.Values(command.Sectors);
            var authorities = QueryInput.Values(command.Authorities);
            var knownSectors = sectors.Count == 0 ? [] : await db.Sectors.Where(s => sectors.Contains(s.Slug)).Select(s => s.Slug).ToListAsync(ct);
            var knownAuthorities = authorities.Count == 0 ? [] : await db.Organisations.Where(o => authorities.Contains(o.Slug)).Select(o => o.Slug).ToListAsync(ct);
            var kinds = QueryInput.Values(command.Kinds).Where(SearchPortal.Kinds.ContainsKey).Select(k => SearchPortal.KindSlug(SearchPortal.Kinds[k]));
            var filters = SavedSearch.Filters(kinds, knownSectors, knownAuthorities);
            return (query, filters, SavedSearch.Describe(query, filters));
        }
    }
}
