using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Watchlists;

namespace SesecPortal.IntegrationTests.Watchlists;

/// <summary>What the watchlist lists as changed since the previous visit.</summary>
public sealed class VisitWatchlistTests(IntegrationFixture fixture) : WatchlistTest(fixture)
{
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
}
