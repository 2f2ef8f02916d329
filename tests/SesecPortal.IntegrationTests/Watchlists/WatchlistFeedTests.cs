using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Watchlists;

namespace SesecPortal.IntegrationTests.Watchlists;

/// <summary>The private feed of a watchlist.</summary>
public sealed class WatchlistFeedTests(IntegrationFixture fixture) : WatchlistTest(fixture)
{
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
