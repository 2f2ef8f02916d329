using System.Net;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Accounts;
using SesecPortal.Application.Features.Watchlists;
using SesecPortal.TestSupport;

namespace SesecPortal.IntegrationTests.Watchlists;

/// <summary>Alerts sent by the job: once per period, what they say, when they wait.</summary>
public sealed class SendWatchlistAlertsTests(IntegrationFixture fixture) : WatchlistAlertTest(fixture)
{
    [Fact]
    public async Task A_daily_alert_at_the_period_boundary_is_sent_once_by_two_instances()
    {
        await using var a = Instance();
        await using var b = Instance();
        var (_, standard) = await FollowerAsync(a, AlertFrequency.Daily);
        Clock.Advance(TimeSpan.FromMinutes(30));
        await ChangeStandardAsync(a, standard, "Assessment standard for green building (alerted)");
        Clock.Advance(TimeSpan.FromMinutes(29));
        (await Task.WhenAll(RunJobAsync(a), RunJobAsync(b))).Sum().ShouldBe(0, "06:59: the day's period has not ended");

        Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var queued = await Task.WhenAll(RunJobAsync(a), RunJobAsync(b), RunJobAsync(a), RunJobAsync(b));
        Clock.Advance(TimeSpan.FromMinutes(5));
        var later = await Task.WhenAll(RunJobAsync(a), RunJobAsync(b));

        queued.Sum().ShouldBe(1);
        later.Sum().ShouldBe(0);
        await AlertAsync();
        await AllSentAsync();
        Fixture.Mail.To(Member).Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_alert_says_what_changed_why_and_links_back()
    {
        await using var a = Instance();
        var (_, standard) = await FollowerAsync(a, AlertFrequency.Daily);
        Clock.Advance(TimeSpan.FromMinutes(30));
        await ChangeStandardAsync(a, standard, "Assessment standard for green building (alerted)");
        Clock.Advance(TimeSpan.FromHours(1));

        (await RunJobAsync(a)).ShouldBe(1);

        var mail = await AlertAsync();
        mail.Subject.ShouldBe("SesecPortal: 1 new or changed about what you follow");
        mail.TextBody!.ShouldContain("New or changed since 7 December 2026");
        mail.TextBody!.ShouldContain("GB/T 50378-2019 Assessment standard for green building (alerted)");
        mail.TextBody!.ShouldContain("Because you follow the standard GB/T 50378-2019 Assessment standard for green building (alerted).");
        mail.HtmlBody!.ShouldContain("Because you follow the standard GB/T 50378-2019");
        mail.TextBody!.ShouldContain("once a day");
        using var client = Fixture.CreateClient();
        foreach (var path in new[] { "/standards/", "/account/manage/preferences" })
        {
            var link = MailLinks.Find(mail, path);
            link.GetLeftPart(UriPartial.Authority).ShouldBe(Fixture.Address.GetLeftPart(UriPartial.Authority), "links are absolute, to the portal");
            var followed = await client.GetAsync(link, Ct);
            followed.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.Redirect);
        }

        (await client.GetAsync(MailLinks.Find(mail, "/standards/"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task No_alert_is_sent_when_nothing_changed_and_the_period_counts_as_covered()
    {
        await using var a = Instance();
        var (userId, _) = await FollowerAsync(a, AlertFrequency.Daily);
        Clock.Advance(TimeSpan.FromHours(2));

        (await RunJobAsync(a)).ShouldBe(0);

        await using var db = Fixture.Database.CreateDbContext();
        (await db.Watchlists.SingleAsync(w => w.UserId == userId, Ct)).AlertsCoveredUntil.ShouldBe(Clock.GetUtcNow());
        (await db.OutboxMessages.AnyAsync(m => m.Recipient == Member, Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_weekly_alert_waits_for_the_week_to_end()
    {
        await using var a = Instance();
        var (_, standard) = await FollowerAsync(a, AlertFrequency.Weekly);
        Clock.Advance(TimeSpan.FromHours(2));
        (await RunJobAsync(a)).ShouldBe(0, "Monday 08:00: this week's period is covered, with nothing in it");
        Clock.Advance(TimeSpan.FromMinutes(1));
        await ChangeStandardAsync(a, standard, "Assessment standard for green building (weekly)");

        Clock.Advance(TimeSpan.FromDays(3));
        (await RunJobAsync(a)).ShouldBe(0, "Thursday: the week has not ended");
        Clock.Advance(TimeSpan.FromDays(4));
        (await RunJobAsync(a)).ShouldBe(1, "Monday after 07:00");
    }

    [Fact]
    public async Task Alerts_that_are_off_send_nothing()
    {
        await using var a = Instance();
        var (_, standard) = await FollowerAsync(a, AlertFrequency.Off);
        await ChangeStandardAsync(a, standard, "Assessment standard for green building (off)");
        Clock.Advance(TimeSpan.FromDays(8));

        (await RunJobAsync(a)).ShouldBe(0);
    }

    [Fact]
    public async Task Immediate_alerts_go_on_the_next_run_after_a_change()
    {
        await using var a = Instance();
        var (_, standard) = await FollowerAsync(a, AlertFrequency.Immediately);
        Clock.Advance(TimeSpan.FromMinutes(1));
        (await RunJobAsync(a)).ShouldBe(0);

        Clock.Advance(TimeSpan.FromMinutes(1));
        await ChangeStandardAsync(a, standard, "Assessment standard for green building (now)");
        Clock.Advance(TimeSpan.FromMinutes(1));

        (await RunJobAsync(a)).ShouldBe(1);
        (await RunJobAsync(a)).ShouldBe(0);
    }

    [Fact]
    public async Task An_alert_run_right_after_a_publish_on_another_instance_includes_it()
    {
        await using var a = Instance();
        await using var b = Instance();
        var userId = await Fixture.CreateUserAsync(Member, Password, Roles.Member);
        int carbon;
        await using (var db = Fixture.Database.CreateDbContext())
        {
            carbon = await db.Sectors.Where(s => s.Slug == "carbon").Select(s => s.Id).SingleAsync(Ct);
        }

        await AsAsync(a, userId, s => s.Send(new FollowItem.Command { Kind = WatchKind.Sector, ItemId = carbon }, Ct).AsTask());
        await AsAsync(a, userId, s => s.Send(new SavePreferences.Command(AlertFrequency.Immediately, false), Ct).AsTask());
        Clock.Advance(TimeSpan.FromMinutes(1));
        (await RunJobAsync(a)).ShouldBe(0);

        Clock.Advance(TimeSpan.FromMinutes(1));
        await PublishArticleAsync(b, "Carbon market rules published (alert test)", carbon);
        Clock.Advance(TimeSpan.FromSeconds(1));

        (await RunJobAsync(a)).ShouldBe(1, "instance a's index catches up with b's publish before it matches");
        var mail = await AlertAsync();
        mail.TextBody!.ShouldContain("Carbon market rules published (alert test)");
        mail.TextBody!.ShouldContain("Because you follow the sector Carbon emission.");
    }
}
