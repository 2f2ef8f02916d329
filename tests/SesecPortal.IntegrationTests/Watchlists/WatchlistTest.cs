using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SesecPortal.Application.Changes;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.Search;
using SesecPortal.Application.Features.Standards;
using SesecPortal.Application.Features.Watchlists;

namespace SesecPortal.IntegrationTests.Watchlists;

/// <summary>Watchlists through their handlers: following, limits, ownership, what is new since the last visit, saved searches, the private feed.</summary>
public abstract class WatchlistTest(IntegrationFixture fixture) : PortalTest(fixture)
{
    protected const string Password = "Correct-Horse-42";

    protected Task<string> MemberAsync(string email = "member@example.com") => Fixture.CreateUserAsync(email, Password, Roles.Member);

    protected async Task<T> AsAsync<T>(string userId, ICommand<T> command)
    {
        using var _ = Fixture.ActAs(userId, Roles.Member);
        return await SendAsync(command);
    }

    protected async Task<T> AsAsync<T>(string userId, IQuery<T> query)
    {
        using var _ = Fixture.ActAs(userId, Roles.Member);
        return await SendAsync(query);
    }

    protected async Task<T> WithDbAsync<T>(Func<PortalDbContext, Task<T>> read)
    {
        await using var scope = Fixture.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    /// <summary>
    /// Saves a change made through the model, so the change log records it as an edit's would (a change time set by hand
    /// stands for an edit at that time), and waits until this instance's search index has applied it.
    /// </summary>
    protected async Task SaveAsync(Func<PortalDbContext, Task> change)
    {
        await using var scope = Fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await change(db);
        await db.SaveChangesAsync(Ct);
        await scope.ServiceProvider.GetRequiredService<IChangeFeed>().WaitPastAsync(db.LastChangeTransactionId, null, Ct);
    }

    protected Task<int> SectorIdAsync(string slug) => WithDbAsync(db => db.Sectors.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync(Ct));

    protected Task<int> StandardIdAsync(string slug) => WithDbAsync(db => db.Standards.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync(Ct));

    protected Task<FollowItem.Result> FollowAsync(string userId, WatchKind kind, int itemId) => AsAsync(userId, new FollowItem.Command { Kind = kind, ItemId = itemId });

    /// <summary>Opens "My watchlist" as the page does: the visit, then what changed since the visit before.</summary>
    protected async Task<(VisitWatchlist.Result Visit, GetWatchlist.Result Watchlist)> VisitAsync(string userId)
    {
        var visit = await AsAsync(userId, new VisitWatchlist.Command());
        var since = visit.PreviousVisit ?? visit.Now.AddDays(-GetWatchlist.FirstVisitDays);
        return (visit, await AsAsync(userId, new GetWatchlist.Query(since, visit.Now)));
    }

    protected async Task EditStandardTitleAsync(int id, string title)
    {
        var form = (await SendAsync(new EditStandard.Query(id))).ShouldNotBeNull();
        form.TitleEn = title;
        using var _ = Fixture.ActAs("editor@example.com", Roles.Editor);
        await SendAsync(form);
    }

    /// <summary>An article written, approved by a second editor and published, in the sector given.</summary>
    protected async Task<int> PublishArticleAsync(string title, string sector)
    {
        SaveArticle.Result saved;
        using (Fixture.ActAs("author@example.com", Roles.Editor))
        {
            saved = await SendAsync(new SaveArticle.Command
            {
                Title = title, Summary = "A short takeaway.", Body = "The text.", EventDate = "2022-02", SectorIds = [await SectorIdAsync(sector)],
            });
        }

        async Task<ArticleRevision> OpenAsync() => await WithDbAsync(db => db.ArticleRevisions.AsNoTracking()
            .SingleAsync(r => r.ArticleId == saved.ArticleId && (r.State == RevisionState.Draft || r.State == RevisionState.InReview || r.State == RevisionState.Approved), Ct));
        var open = await OpenAsync();
        using (Fixture.ActAs("author@example.com", Roles.Editor))
        {
            await SendAsync(new ReviewArticle.Command { ArticleId = saved.ArticleId, RevisionId = open.Id, Version = open.Version, Do = ReviewArticle.Action.Submit });
        }

        open = await OpenAsync();
        using (Fixture.ActAs("reviewer@example.com", Roles.Editor))
        {
            await SendAsync(new ReviewArticle.Command { ArticleId = saved.ArticleId, RevisionId = open.Id, Version = open.Version, Do = ReviewArticle.Action.Approve });
            open = await OpenAsync();
            await SendAsync(new PublishArticle.Command(saved.ArticleId, open.Id, open.Version));
        }

        return saved.ArticleId;
    }

    /// <summary>What a member's follows match, whatever the time (as the private feed and the latest list ask), up to a limit.</summary>
    protected async Task<List<WatchedChange>> MatchesAsync(string userId, DateTimeOffset? since, DateTimeOffset until, int limit = 1000)
    {
        await using var scope = Fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var watchlist = await db.Watchlists.Where(w => w.UserId == userId).Select(w => w.Id).SingleAsync(Ct);
        var addresses = scope.ServiceProvider.GetRequiredService<IPortalAddresses>();
        var follows = await WatchlistReader.FollowsAsync(db, addresses, watchlist, Ct);
        return await WatchlistReader.ChangesAsync(db, scope.ServiceProvider.GetRequiredService<PortalSearchIndex>(), addresses, follows, since, until, limit, Ct);
    }
}
