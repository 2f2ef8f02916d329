using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SesecPortal.Application.Domain;
using SesecPortal.TestSupport;

namespace SesecPortal.IntegrationTests.Watchlists;

/// <summary>The unsubscribe link in an alert.</summary>
public sealed class UnsubscribeTests(IntegrationFixture fixture) : WatchlistAlertTest(fixture)
{
    [Fact]
    public async Task One_click_unsubscribe_turns_the_alerts_off_without_signing_in()
    {
        await using var a = Instance();
        var (userId, standard) = await FollowerAsync(a, AlertFrequency.Daily);
        Clock.Advance(TimeSpan.FromMinutes(30));
        await ChangeStandardAsync(a, standard, "Assessment standard for green building (alerted)");
        Clock.Advance(TimeSpan.FromHours(1));
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
        Clock.Advance(TimeSpan.FromMinutes(30));
        await ChangeStandardAsync(a, standard, "Assessment standard for green building (alerted)");
        Clock.Advance(TimeSpan.FromHours(1));
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
