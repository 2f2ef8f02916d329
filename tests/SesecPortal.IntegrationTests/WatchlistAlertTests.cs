using System.Net;
using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Accounts;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.Standards;
using SesecPortal.Application.Features.Watchlists;
using SesecPortal.TestSupport;

namespace SesecPortal.IntegrationTests;

/// <summary>
/// Watchlist alerts by e-mail: the job run at a period boundary by two portal instances on one database, with a fake
/// clock, queues one alert; what it says; nothing when nothing changed; one-click unsubscribe that cannot be forged.
/// </summary>
public sealed class WatchlistAlertTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    private const string Password = "Correct-Horse-42";
    private const string Member = "alerted@example.com";

    /// <summary>Monday 7 December 2026, 06:00 UTC: an hour before the day's (and the week's) sending time.</summary>
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider clock = new(Start);

    private PortalFactory Instance() =>
        new(Fixture.Database.ConnectionString, services: s => s.AddSingleton<TimeProvider>(clock),
            settings: new Dictionary<string, string>(Fixture.Mail.Settings()) { ["Site:BaseUrl"] = Fixture.Address.ToString() });

    private static async Task<T> AsAsync<T>(PortalFactory instance, string userId, Func<ISender, Task<T>> act)
    {
        var accessor = instance.Services.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity([new(ClaimTypes.NameIdentifier, userId), new(ClaimTypes.Name, Member), new(ClaimTypes.Role, Roles.Member)], "test")),
        };
        try
        {
            await using var scope = instance.Services.CreateAsyncScope();
            return await act(scope.ServiceProvider.GetRequiredService<ISender>());
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    private static async Task<int> RunJobAsync(PortalFactory instance)
    {
        await using var scope = instance.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new SendWatchlistAlerts.Command(), Ct);
    }

    private async Task<int> StandardIdAsync()
    {
        await using var db = Fixture.Database.CreateDbContext();
        return await db.Standards.Where(s => s.Slug == "gb-t-50378-2019").Select(s => s.Id).SingleAsync(Ct);
    }

    /// <summary>A member (made at the fake clock's time) who follows GB/T 50378-2019 with alerts at the given frequency.</summary>
    private async Task<(string UserId, int StandardId)> FollowerAsync(PortalFactory instance, AlertFrequency frequency)
    {
        var userId = await Fixture.CreateUserAsync(Member, Password, Roles.Member);
        var standard = await StandardIdAsync();
        await AsAsync(instance, userId, s => s.Send(new FollowItem.Command { Kind = WatchKind.Standard, ItemId = standard }, Ct).AsTask());
        await AsAsync(instance, userId, s => s.Send(new SavePreferences.Command(frequency, false), Ct).AsTask());
        return (userId, standard);
    }

    private static async Task ChangeStandardAsync(PortalFactory instance, int id, string title)
    {
        var accessor = instance.Services.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity([new(ClaimTypes.NameIdentifier, "editor"), new(ClaimTypes.Name, "editor"), new(ClaimTypes.Role, Roles.Editor)], "test")),
        };
        try
        {
            await using var scope = instance.Services.CreateAsyncScope();
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            var form = (await sender.Send(new EditStandard.Query(id), Ct)).ShouldNotBeNull();
            form.TitleEn = title;
            await sender.Send(form, Ct);
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    private async Task<MimeMessage> AlertAsync() => await Fixture.Mail.WaitForAsync(Member, "new or changed about what you follow");

    /// <summary>Waits until every queued message to the member is sent, so a second one would have arrived too.</summary>
    private async Task AllSentAsync() =>
        await Until.TrueAsync(async () =>
        {
            await using var db = Fixture.Database.CreateDbContext();
            return !await db.OutboxMessages.AnyAsync(m => m.Recipient == Member && m.SentAt == null, Ct);
        }, "the member's mail to be sent");

    [Fact]
    public async Task A_daily_alert_at_the_period_boundary_is_sent_once_by_two_instances()
    {
        await using var a = Instance();
        await using var b = Instance();
        var (_, standard) = await FollowerAsync(a, AlertFrequency.Daily);
        clock.Advance(TimeSpan.FromMinutes(30));
        await ChangeStandardAsync(a, standard, "Assessment standard for green building (alerted)");
        clock.Advance(TimeSpan.FromMinutes(29));
        (await Task.WhenAll(RunJobAsync(a), RunJobAsync(b))).Sum().ShouldBe(0, "06:59: the day's period has not ended");

        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var queued = await Task.WhenAll(RunJobAsync(a), RunJobAsync(b), RunJobAsync(a), RunJobAsync(b));
        clock.Advance(TimeSpan.FromMinutes(5));
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
        clock.Advance(TimeSpan.FromMinutes(30));
        await ChangeStandardAsync(a, standard, "Assessment standard for green building (alerted)");
        clock.Advance(TimeSpan.FromHours(1));

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
        clock.Advance(TimeSpan.FromHours(2));

        (await RunJobAsync(a)).ShouldBe(0);

        await using var db = Fixture.Database.CreateDbContext();
        (await db.Watchlists.SingleAsync(w => w.UserId == userId, Ct)).AlertsCoveredUntil.ShouldBe(clock.GetUtcNow());
        (await db.OutboxMessages.AnyAsync(m => m.Recipient == Member, Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_weekly_alert_waits_for_the_week_to_end()
    {
        await using var a = Instance();
        var (_, standard) = await FollowerAsync(a, AlertFrequency.Weekly);
        clock.Advance(TimeSpan.FromHours(2));
        (await RunJobAsync(a)).ShouldBe(0, "Monday 08:00: this week's period is covered, with nothing in it");
        clock.Advance(TimeSpan.FromMinutes(1));
        await ChangeStandardAsync(a, standard, "Assessment standard for green building (weekly)");

        clock.Advance(TimeSpan.FromDays(3));
        (await RunJobAsync(a)).ShouldBe(0, "Thursday: the week has not ended");
        clock.Advance(TimeSpan.FromDays(4));
        (await RunJobAsync(a)).ShouldBe(1, "Monday after 07:00");
    }

    [Fact]
    public async Task Alerts_that_are_off_send_nothing()
    {
        await using var a = Instance();
        var (_, standard) = await FollowerAsync(a, AlertFrequency.Off);
        await ChangeStandardAsync(a, standard, "Assessment standard for green building (off)");
        clock.Advance(TimeSpan.FromDays(8));

        (await RunJobAsync(a)).ShouldBe(0);
    }

    [Fact]
    public async Task Immediate_alerts_go_on_the_next_run_after_a_change()
    {
        await using var a = Instance();
        var (_, standard) = await FollowerAsync(a, AlertFrequency.Immediately);
        clock.Advance(TimeSpan.FromMinutes(1));
        (await RunJobAsync(a)).ShouldBe(0);

        clock.Advance(TimeSpan.FromMinutes(1));
        await ChangeStandardAsync(a, standard, "Assessment standard for green building (now)");
        clock.Advance(TimeSpan.FromMinutes(1));

        (await RunJobAsync(a)).ShouldBe(1);
        (await RunJobAsync(a)).ShouldBe(0);
    }

    private static async Task AsEditorAsync(PortalFactory instance, string editor, Func<ISender, Task> act)
    {
        var accessor = instance.Services.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity([new(ClaimTypes.NameIdentifier, editor), new(ClaimTypes.Name, editor), new(ClaimTypes.Role, Roles.Editor)], "test")),
        };
        try
        {
            await using var scope = instance.Services.CreateAsyncScope();
            await act(scope.ServiceProvider.GetRequiredService<ISender>());
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    /// <summary>An article written, submitted, approved by a second editor and published on an instance, in a sector.</summary>
    private async Task PublishArticleAsync(PortalFactory instance, string title, int sectorId)
    {
        SaveArticle.Result? saved = null;
        await AsEditorAsync(instance, "author@example.com", async s => saved = await s.Send(new SaveArticle.Command
        {
            Title = title, Summary = "A short takeaway.", Body = "The text.", EventDate = "2026-12", SectorIds = [sectorId],
        }, Ct));
        async Task<ArticleRevision> OpenAsync()
        {
            await using var db = Fixture.Database.CreateDbContext();
            return await db.ArticleRevisions.AsNoTracking()
                .SingleAsync(r => r.ArticleId == saved!.ArticleId && (r.State == RevisionState.Draft || r.State == RevisionState.InReview || r.State == RevisionState.Approved), Ct);
        }

        var open = await OpenAsync();
        await AsEditorAsync(instance, "author@example.com", s => s.Send(new ReviewArticle.Command
        {
            ArticleId = saved!.ArticleId, RevisionId = open.Id, Version = open.Version, Do = ReviewArticle.Action.Submit,
        }, Ct).AsTask());
        open = await OpenAsync();
        await AsEditorAsync(instance, "reviewer@example.com", s => s.Send(new ReviewArticle.Command
        {
            ArticleId = saved!.ArticleId, RevisionId = open.Id, Version = open.Version, Do = ReviewArticle.Action.Approve,
        }, Ct).AsTask());
        open = await OpenAsync();
        await AsEditorAsync(instance, "reviewer@example.com", s => s.Send(new PublishArticle.Command(saved!.ArticleId, open.Id, open.Version), Ct).AsTask());
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
        clock.Advance(TimeSpan.FromMinutes(1));
        (await RunJobAsync(a)).ShouldBe(0);

        clock.Advance(TimeSpan.FromMinutes(1));
        await PublishArticleAsync(b, "Carbon market rules published (alert test)", carbon);
        clock.Advance(TimeSpan.FromSeconds(1));

        (await RunJobAsync(a)).ShouldBe(1, "instance a's index catches up with b's publish before it matches");
        var mail = await AlertAsync();
        mail.TextBody!.ShouldContain("Carbon market rules published (alert test)");
        mail.TextBody!.ShouldContain("Because you follow the sector Carbon emission.");
    }

    [Fact]
    public async Task One_click_unsubscribe_turns_the_alerts_off_without_signing_in()
    {
        await using var a = Instance();
        var (userId, standard) = await FollowerAsync(a, AlertFrequency.Daily);
        clock.Advance(TimeSpan.FromMinutes(30));
        await ChangeStandardAsync(a, standard, "Assessment standard for green building (alerted)");
        clock.Advance(TimeSpan.FromHours(1));
        await RunJobAsync(a);
        var mail = await AlertAsync();

        mail.Headers["List-Unsubscribe-Post"].ShouldBe("List-Unsubscribe=One-Click");
        var address = new Uri(mail.Headers["List-Unsubscribe"]!.Trim('<', '>'));
        MailLinks.Find(mail, "/unsubscribe").ShouldBe(address);
        using var client = Fixture.CreateClient();
        using var body = new StringContent("List-Unsubscribe=One-Click", System.Text.Encoding.ASCII, "application/x-www-form-urlencoded");
        var response = await client.PostAsync(address, body, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("you no longer receive watchlist alerts");
        await using var db = Fixture.Database.CreateDbContext();
        (await db.Watchlists.SingleAsync(w => w.UserId == userId, Ct)).Alerts.ShouldBe(AlertFrequency.Off);
    }

    [Fact]
    public async Task Opening_the_unsubscribe_link_asks_first_and_changes_nothing()
    {
        await using var a = Instance();
        var (userId, standard) = await FollowerAsync(a, AlertFrequency.Daily);
        clock.Advance(TimeSpan.FromMinutes(30));
        await ChangeStandardAsync(a, standard, "Assessment standard for green building (alerted)");
        clock.Advance(TimeSpan.FromHours(1));
        await RunJobAsync(a);
        var address = MailLinks.Find(await AlertAsync(), "/unsubscribe");

        using var client = Fixture.CreateClient();
        var page = await client.GetStringAsync(address, Ct);

        page.ShouldContain("Stop receiving watchlist alerts by e-mail?");
        await using var db = Fixture.Database.CreateDbContext();
        (await db.Watchlists.SingleAsync(w => w.UserId == userId, Ct)).Alerts.ShouldBe(AlertFrequency.Daily);
    }

    [Theory]
    [InlineData("")]
    [InlineData("made-up-token")]
    [InlineData("CfDJ8Ab_tampered_token_that_is_long_enough_to_look_real_0123456789")]
    public async Task A_forged_or_damaged_unsubscribe_link_is_refused_with_a_message(string token)
    {
        using var client = Fixture.CreateClient();
        using var body = new StringContent("List-Unsubscribe=One-Click", System.Text.Encoding.ASCII, "application/x-www-form-urlencoded");

        var response = await client.PostAsync(new Uri($"/unsubscribe?token={Uri.EscapeDataString(token)}", UriKind.Relative), body, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("This unsubscribe link is not valid");
    }

    [Fact]
    public async Task A_token_for_one_watchlist_changed_by_a_character_stops_nothing()
    {
        await using var scope = Fixture.CreateScope();
        var tokens = scope.ServiceProvider.GetRequiredService<SesecPortal.Application.Features.Mail.UnsubscribeTokens>();
        var token = tokens.Create("alerts:1");
        var altered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];

        tokens.Read(token).ShouldBe("alerts:1");
        tokens.Read(altered).ShouldBeNull();
    }
}
