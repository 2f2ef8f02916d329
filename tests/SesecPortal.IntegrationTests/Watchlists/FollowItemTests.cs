using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Watchlists;

namespace SesecPortal.IntegrationTests.Watchlists;

/// <summary>Following and unfollowing items.</summary>
public sealed class FollowItemTests(IntegrationFixture fixture) : WatchlistTest(fixture)
{
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
}
