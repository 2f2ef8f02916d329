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

namespace SesecPortal.IntegrationTests;

/// <summary>Watchlists through their handlers: following, limits, ownership, what is new since the last visit, saved searches, the private feed.</summary>
public sealed class WatchlistTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    private const string Password = "Correct-Horse-42";

    private Task<string> MemberAsync(string email = "member@example.com") => Fixture.CreateUserAsync(email, Password, Roles.Member);

    private async Task<T> AsAsync<T>(string userId, ICommand<T> command)
    {
        using var _ = Fixture.ActAs(userId, Roles.Member);
        return await SendAsync(command);
    }

    private async Task<T> AsAsync<T>(string userId, IQuery<T> query)
    {
        using var _ = Fixture.ActAs(userId, Roles.Member);
        return await SendAsync(query);
    }

    private async Task<T> WithDbAsync<T>(Func<PortalDbContext, Task<T>> read)
    {
        await using var scope = Fixture.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    /// <summary>
    /// Saves a change made through the model, so the change log records it as an edit's would (a change time set by hand
    /// stands for an edit at that time), and waits until this instance's search index has applied it.
    /// </summary>
    private async Task SaveAsync(Func<PortalDbContext, Task> change)
    {
        await using var scope = Fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await change(db);
        await db.SaveChangesAsync(Ct);
        await scope.ServiceProvider.GetRequiredService<IChangeFeed>().WaitPastAsync(db.LastChangeTransactionId, null, Ct);
    }

    private Task<int> SectorIdAsync(string slug) => WithDbAsync(db => db.Sectors.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync(Ct));

    private Task<int> StandardIdAsync(string slug) => WithDbAsync(db => db.Standards.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync(Ct));

    private Task<FollowItem.Result> FollowAsync(string userId, WatchKind kind, int itemId) => AsAsync(userId, new FollowItem.Command { Kind = kind, ItemId = itemId });

    /// <summary>Opens "My watchlist" as the page does: the visit, then what changed since the visit before.</summary>
    private async Task<(VisitWatchlist.Result Visit, GetWatchlist.Result Watchlist)> VisitAsync(string userId)
    {
        var visit = await AsAsync(userId, new VisitWatchlist.Command());
        var since = visit.PreviousVisit ?? visit.Now.AddDays(-GetWatchlist.FirstVisitDays);
        return (visit, await AsAsync(userId, new GetWatchlist.Query(since, visit.Now)));
    }

    private async Task EditStandardTitleAsync(int id, string title)
    {
        var form = (await SendAsync(new EditStandard.Query(id))).ShouldNotBeNull();
        form.TitleEn = title;
        using var _ = Fixture.ActAs("editor@example.com", Roles.Editor);
        await SendAsync(form);
    }

    /// <summary>An article written, approved by a second editor and published, in the sector given.</summary>
    private async Task<int> PublishArticleAsync(string title, string sector)
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

    [Fact]
    public async Task Following_the_same_sector_twice_follows_it_once()
    {
        var member = await MemberAsync();
        var carbon = await SectorIdAsync("carbon");

        var first = await FollowAsync(member, WatchKind.Sector, carbon);
        var second = await FollowAsync(member, WatchKind.Sector, carbon);

        first.Added.ShouldBeTrue();
        first.Name.ShouldBe("Carbon emission");
        second.Added.ShouldBeFalse();
        second.Id.ShouldBe(first.Id);
        (await WithDbAsync(db => db.WatchItems.CountAsync(Ct))).ShouldBe(1);
    }

    [Fact]
    public async Task Following_a_standard_that_does_not_exist_is_not_found()
    {
        var member = await MemberAsync();

        await Should.ThrowAsync<NotFoundException>(() => FollowAsync(member, WatchKind.Standard, 987654));

        (await WithDbAsync(db => db.WatchItems.CountAsync(Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task A_watchlist_holds_at_most_200_things()
    {
        var member = await MemberAsync();
        await AsAsync(member, new FollowItem.Command { Kind = WatchKind.Search, Query = "search 0" });
        await WithDbAsync(async db =>
        {
            var watchlist = await db.Watchlists.SingleAsync(Ct);
            db.WatchItems.AddRange(Enumerable.Range(1, Watchlist.MaxItems - 1)
                .Select(i => new WatchItem { WatchlistId = watchlist.Id, Kind = WatchKind.Search, Query = $"search {i}", CreatedAt = DateTimeOffset.UtcNow }));
            return await db.SaveChangesAsync(Ct);
        });

        var refused = await Should.ThrowAsync<ValidationException>(async () => await FollowAsync(member, WatchKind.Sector, await SectorIdAsync("carbon")));

        refused.Errors.ShouldHaveSingleItem().ErrorMessage.ShouldBe("Your watchlist follows 200 things, the most it can hold: unfollow something first.");
        (await AsAsync(member, new FollowItem.Command { Kind = WatchKind.Search, Query = "search 7" })).Added.ShouldBeFalse("what is followed already is still followed");
        (await AsAsync(member, new GetFollowState.Query(WatchKind.Sector, "carbon"))).ShouldNotBeNull().Full.ShouldBeTrue();
    }

    [Fact]
    public async Task A_member_cannot_unfollow_another_members_item()
    {
        var alice = await MemberAsync("alice@example.com");
        var bob = await MemberAsync("bob@example.com");
        var followed = await FollowAsync(alice, WatchKind.Sector, await SectorIdAsync("carbon"));
        await FollowAsync(bob, WatchKind.Sector, await SectorIdAsync("ict"));

        await Should.ThrowAsync<NotFoundException>(() => AsAsync(bob, new UnfollowItem.Command(followed.Id)));

        (await WithDbAsync(db => db.WatchItems.AnyAsync(i => i.Id == followed.Id, Ct))).ShouldBeTrue();
        (await AsAsync(alice, new UnfollowItem.Command(followed.Id))).Name.ShouldBe("Carbon emission");
        (await WithDbAsync(db => db.WatchItems.AnyAsync(i => i.Id == followed.Id, Ct))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_member_sees_only_their_own_watchlist()
    {
        var alice = await MemberAsync("alice@example.com");
        var bob = await MemberAsync("bob@example.com");
        await FollowAsync(alice, WatchKind.Sector, await SectorIdAsync("carbon"));

        var (_, bobs) = await VisitAsync(bob);

        bobs.Following.ShouldBeEmpty();
        bobs.Latest.ShouldBeEmpty();
        (await AsAsync(bob, new GetFollowState.Query(WatchKind.Sector, "carbon"))).ShouldNotBeNull().WatchItemId.ShouldBeNull();
    }

    [Theory]
    [InlineData("", "Type the words of the search to follow.")]
    [InlineData("   ", "Type the words of the search to follow.")]
    [InlineData("-carbon", "This search has no words to look for (only punctuation or exclusions): add a word to follow it.")]
    public async Task A_saved_search_without_words_is_refused(string query, string message)
    {
        var member = await MemberAsync();

        var refused = await Should.ThrowAsync<ValidationException>(() => AsAsync(member, new FollowItem.Command { Kind = WatchKind.Search, Query = query }));

        refused.Errors.ShouldHaveSingleItem().ErrorMessage.ShouldBe(message);
    }

    [Fact]
    public async Task A_saved_search_longer_than_a_search_is_refused()
    {
        var member = await MemberAsync();

        var refused = await Should.ThrowAsync<ValidationException>(() =>
            AsAsync(member, new FollowItem.Command { Kind = WatchKind.Search, Query = string.Join(' ', Enumerable.Repeat("carbon", 40)) }));

        refused.Errors.ShouldHaveSingleItem().ErrorMessage.ShouldBe("A followed search is at most 256 characters.");
    }

    [Fact]
    public async Task A_saved_search_is_normalised_and_keeps_only_filters_that_name_something()
    {
        var member = await MemberAsync();

        var first = await AsAsync(member, new FollowItem.Command
        {
            Kind = WatchKind.Search, Query = "  carbon\tpeak ", Kinds = ["Policy", "astrology"], Sectors = ["carbon", "no-such-sector"], Authorities = ["ndrc"],
        });
        var again = await AsAsync(member, new FollowItem.Command { Kind = WatchKind.Search, Query = "carbon peak", Kinds = ["policy"], Sectors = ["carbon"], Authorities = ["ndrc"] });

        var item = await WithDbAsync(db => db.WatchItems.SingleAsync(Ct));
        item.Query.ShouldBe("carbon peak");
        item.Filters.ShouldBe("kind=policy&sector=carbon&authority=ndrc");
        first.Name.ShouldBe("“carbon peak” (kind: policy; sector: carbon; authority: ndrc)");
        again.Added.ShouldBeFalse();
        (await AsAsync(member, new GetFollowState.Query(WatchKind.Search, Q: "carbon  peak", Kinds: ["policy"], Sectors: ["carbon"], Authorities: ["ndrc"])))
            .ShouldNotBeNull().WatchItemId.ShouldBe(item.Id);
    }

    [Fact]
    public async Task The_watchlist_shows_what_changed_since_the_previous_visit_once()
    {
        var member = await MemberAsync();
        var standard = await StandardIdAsync("gb-t-50378-2019");
        await FollowAsync(member, WatchKind.Standard, standard);
        await FollowAsync(member, WatchKind.Sector, await SectorIdAsync("ict"));

        var (first, _) = await VisitAsync(member);
        first.PreviousVisit.ShouldBeNull();
        await EditStandardTitleAsync(standard, "Assessment standard for green building (revised)");
        await PublishArticleAsync("MIIT issues data-centre guideline", "ict");
        var (second, afterChanges) = await VisitAsync(member);
        var (third, afterNothing) = await VisitAsync(member);

        second.PreviousVisit.ShouldNotBeNull().ShouldBe(first.Now, TimeSpan.FromMilliseconds(1));
        afterChanges.Changes.Select(c => (c.Kind, c.Title, string.Join("; ", c.Reasons))).ShouldBe(
        [
            ("article", "MIIT issues data-centre guideline", "the sector ICT"),
            ("standard", "GB/T 50378-2019 Assessment standard for green building (revised)", "the standard GB/T 50378-2019 Assessment standard for green building (revised)"),
        ]);
        afterChanges.Changes.ShouldAllBe(c => c.At > first.Now && c.At <= second.Now);
        third.PreviousVisit.ShouldNotBeNull().ShouldBe(second.Now, TimeSpan.FromMilliseconds(1));
        afterNothing.Changes.ShouldBeEmpty();
        afterNothing.Latest.Select(c => c.Title).ShouldContain("MIIT issues data-centre guideline", "the latest list still has it");
    }

    [Fact]
    public async Task A_first_visit_lists_the_last_thirty_days()
    {
        var member = await MemberAsync();
        await FollowAsync(member, WatchKind.Sector, await SectorIdAsync("construction"));
        var now = DateTimeOffset.UtcNow;
        await SaveAsync(async db =>
        {
            (await db.Standards.SingleAsync(s => s.Slug == "gb-55015-2021", Ct)).ChangedAt = now.AddDays(-10);
            (await db.Standards.SingleAsync(s => s.Slug == "gb-t-51141-2015", Ct)).ChangedAt = now.AddDays(-40);
        });

        var (visit, watchlist) = await VisitAsync(member);

        visit.PreviousVisit.ShouldBeNull();
        watchlist.Changes.ShouldHaveSingleItem().Url.ShouldBe("/standards/gb-55015-2021");
        watchlist.Latest.Select(c => c.Url).ShouldContain("/standards/gb-t-51141-2015");
    }

    [Fact]
    public async Task A_saved_search_lists_what_it_finds_within_its_filters()
    {
        var member = await MemberAsync();
        await AsAsync(member, new FollowItem.Command { Kind = WatchKind.Search, Query = "carbon peak", Kinds = ["policy"] });
        var (first, _) = await VisitAsync(member);
        var later = first.Now.AddSeconds(1);
        await SaveAsync(async db =>
        {
            // A policy and an article the search finds change; only the policy is of the kind it follows.
            (await db.Policies.SingleAsync(p => p.Slug == "carbon-peak-action-plan-before-2030", Ct)).ChangedAt = later;
            foreach (var article in await db.Articles.Where(a => EF.Functions.ILike(a.Title, "%carbon%")).ToListAsync(Ct))
            {
                article.UpdatedAt = later;
            }
        });

        var visit = await AsAsync(member, new VisitWatchlist.Command());
        var watchlist = await AsAsync(member, new GetWatchlist.Query(visit.PreviousVisit!.Value, later.AddSeconds(1)));

        var change = watchlist.Changes.ShouldHaveSingleItem();
        change.Url.ShouldBe("/policies/carbon-peak-action-plan-before-2030");
        change.Reasons.ShouldBe(["the search “carbon peak” (kind: policy)"]);
    }

    [Fact]
    public async Task A_followed_organisation_lists_what_it_issued_and_why()
    {
        var member = await MemberAsync();
        var council = await WithDbAsync(db => db.Organisations.Where(o => o.Slug == "state-council").Select(o => o.Id).SingleAsync(Ct));
        await FollowAsync(member, WatchKind.Organisation, council);
        await FollowAsync(member, WatchKind.Sector, await SectorIdAsync("carbon"));
        var (first, _) = await VisitAsync(member);
        var later = first.Now.AddSeconds(1);
        await SaveAsync(async db => (await db.Policies.SingleAsync(p => p.Slug == "carbon-peak-action-plan-before-2030", Ct)).ChangedAt = later);

        var visit = await AsAsync(member, new VisitWatchlist.Command());
        var watchlist = await AsAsync(member, new GetWatchlist.Query(visit.PreviousVisit!.Value, later.AddSeconds(1)));

        watchlist.Changes.ShouldHaveSingleItem().Reasons.ShouldBe(["the sector Carbon emission", "the organisation State Council"], ignoreOrder: true);
    }

    /// <summary>Every item of the kinds a watchlist lists that /search finds, page after page.</summary>
    private async Task<HashSet<string>> SearchFindsAsync(string q, string? kind, string? sector)
    {
        var urls = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 1; ; page++)
        {
            var result = await SendAsync(new SearchPortal.Query(q, Kind: kind is null ? null : [kind], Sector: sector is null ? null : [sector],
                Page: page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            urls.UnionWith(result.Hits.Where(h => h.Kind is "article" or "standard" or "policy").Select(h => h.Url));
            if (page >= result.PageCount)
            {
                return urls;
            }
        }
    }

    /// <summary>What a member's follows match, whatever the time (as the private feed and the latest list ask), up to a limit.</summary>
    private async Task<List<WatchedChange>> MatchesAsync(string userId, DateTimeOffset? since, DateTimeOffset until, int limit = 1000)
    {
        await using var scope = Fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var watchlist = await db.Watchlists.Where(w => w.UserId == userId).Select(w => w.Id).SingleAsync(Ct);
        var addresses = scope.ServiceProvider.GetRequiredService<IPortalAddresses>();
        var follows = await WatchlistReader.FollowsAsync(db, addresses, watchlist, Ct);
        return await WatchlistReader.ChangesAsync(db, scope.ServiceProvider.GetRequiredService<PortalSearchIndex>(), addresses, follows, since, until, limit, Ct);
    }

    [Theory]
    [InlineData("standardisation", null, null)]
    [InlineData("standardization", null, null)]
    [InlineData("GB/T 50378", null, null)]
    [InlineData("carbon peak", "policy", "carbon")]
    [InlineData("cybersecurty", null, null)]
    [InlineData("data", "article", null)]
    public async Task A_saved_search_matches_what_search_finds_for_the_same_words_and_filters(string q, string? kind, string? sector)
    {
        var member = await MemberAsync();
        await AsAsync(member, new FollowItem.Command
        {
            Kind = WatchKind.Search, Query = q, Kinds = kind is null ? [] : [kind], Sectors = sector is null ? [] : [sector],
        });

        var found = await SearchFindsAsync(q, kind, sector);
        var matched = await MatchesAsync(member, null, DateTimeOffset.UtcNow);

        found.ShouldNotBeEmpty();
        matched.Select(c => c.Url).ShouldBe(found, ignoreOrder: true);
        matched.ShouldAllBe(c => c.Reasons.Count == 1);
    }

    [Fact]
    public async Task A_saved_search_in_british_spelling_lists_an_item_written_in_american_spelling()
    {
        var member = await MemberAsync();
        await AsAsync(member, new FollowItem.Command { Kind = WatchKind.Search, Query = "standardisation", Kinds = ["policy"] });
        var (first, _) = await VisitAsync(member);
        var later = first.Now.AddSeconds(1);
        await SaveAsync(async db => (await db.Policies.SingleAsync(p => p.Slug == "national-outline-for-standardization-development", Ct)).ChangedAt = later);

        var visit = await AsAsync(member, new VisitWatchlist.Command());
        var watchlist = await AsAsync(member, new GetWatchlist.Query(visit.PreviousVisit!.Value, later.AddSeconds(1)));

        watchlist.Changes.ShouldHaveSingleItem().Url.ShouldBe("/policies/national-outline-for-standardization-development");
    }

    [Fact]
    public async Task A_followed_standard_lists_the_article_about_it()
    {
        var member = await MemberAsync();
        await FollowAsync(member, WatchKind.Standard, await StandardIdAsync("gb-t-50378-2019"));
        var (first, _) = await VisitAsync(member);
        var later = first.Now.AddSeconds(1);
        await SaveAsync(async db =>
        {
            var article = await db.Articles.Include(a => a.Standards).SingleAsync(a => a.Slug == "china-intelligent-manufacturing-standardisation-guideline", Ct);
            article.Standards.Add(await db.Standards.SingleAsync(s => s.Slug == "gb-t-50378-2019", Ct));
            article.UpdatedAt = later;
        });

        var visit = await AsAsync(member, new VisitWatchlist.Command());
        var watchlist = await AsAsync(member, new GetWatchlist.Query(visit.PreviousVisit!.Value, later.AddSeconds(1)));

        var change = watchlist.Changes.ShouldHaveSingleItem();
        change.Url.ShouldBe("/articles/china-intelligent-manufacturing-standardisation-guideline");
        change.Reasons.ShouldBe(["the standard GB/T 50378-2019 Green Buildings Assessment Standard"]);
        change.At.ShouldNotBeNull().ShouldBe(later, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Changes_are_those_after_since_up_to_and_including_until_newest_first()
    {
        var member = await MemberAsync();
        await FollowAsync(member, WatchKind.Sector, await SectorIdAsync("carbon"));
        var since = DateTimeOffset.UtcNow.AddDays(-3);
        var until = since.AddDays(1);
        // Four items of the sector: changed at since (out), within, at until (in) and just after (out).
        string[] standards = ["gb-55015-2021", "gb-t-50378-2019"];
        string[] policies = ["carbon-peak-action-plan-before-2030"];
        await SaveAsync(async db =>
        {
            (await db.Standards.SingleAsync(s => s.Slug == standards[0], Ct)).ChangedAt = since;
            (await db.Standards.SingleAsync(s => s.Slug == standards[1], Ct)).ChangedAt = since.AddHours(1);
            (await db.Policies.SingleAsync(p => p.Slug == policies[0], Ct)).ChangedAt = until;
            var other = await db.Policies.Where(p => p.Slug != policies[0] && p.Sectors.Any(x => x.Slug == "carbon")).OrderBy(p => p.Id).FirstAsync(Ct);
            other.ChangedAt = until.AddTicks(10);
        });

        var changes = await MatchesAsync(member, since, until);
        var limited = await MatchesAsync(member, since, until, limit: 1);

        changes.Select(c => c.Url).ShouldBe([$"/policies/{policies[0]}", $"/standards/{standards[1]}"], "(since, until], newest first");
        changes.ShouldAllBe(c => c.Reasons.Count == 1 && c.Reasons[0] == "the sector Carbon emission");
        limited.Select(c => c.Url).ShouldBe([$"/policies/{policies[0]}"]);
    }

    [Fact]
    public async Task The_private_feed_answers_its_token_only_until_it_is_regenerated_or_revoked()
    {
        var member = await MemberAsync();
        await FollowAsync(member, WatchKind.Sector, await SectorIdAsync("carbon"));

        var first = await AsAsync(member, new CreateFeedAddress.Command());
        var stored = await WithDbAsync(db => db.Watchlists.Select(w => w.FeedTokenHash).SingleAsync(Ct));
        var feed = await SendAsync(new GetWatchlistFeed.Query(first.Token));
        var second = await AsAsync(member, new CreateFeedAddress.Command());
        var afterRegenerating = await SendAsync(new GetWatchlistFeed.Query(first.Token));
        var byNewToken = await SendAsync(new GetWatchlistFeed.Query(second.Token));
        await AsAsync(member, new RevokeFeedAddress.Command());
        var afterRevoking = await SendAsync(new GetWatchlistFeed.Query(second.Token));

        first.Token.Length.ShouldBe(43);
        stored.ShouldNotBeNull().ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(first.Token))));
        stored.ShouldNotContain(first.Token, Case.Sensitive);
        feed.ShouldNotBeNull().Entries.ShouldNotBeEmpty();
        feed.Entries.ShouldAllBe(e => e.Summary!.StartsWith("Because you follow the sector Carbon emission", StringComparison.Ordinal));
        afterRegenerating.ShouldBeNull();
        byNewToken.ShouldNotBeNull();
        afterRevoking.ShouldBeNull();
        (await WithDbAsync(db => db.Watchlists.Select(w => w.FeedTokenHash).SingleAsync(Ct))).ShouldBeNull();
    }
}
