using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Search;
using SesecPortal.Application.Features.Watchlists;

namespace SesecPortal.IntegrationTests.Watchlists;

/// <summary>Saved searches: what is refused, how they are normalised and what they list.</summary>
public sealed class SavedSearchTests(IntegrationFixture fixture) : WatchlistTest(fixture)
{
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
}
