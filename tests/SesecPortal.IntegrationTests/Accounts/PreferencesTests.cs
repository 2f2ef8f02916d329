using System.Net;
using SesecPortal.Application.Domain;

namespace SesecPortal.IntegrationTests.Accounts;

/// <summary>A member saves their preferences.</summary>
public sealed class PreferencesTests(IntegrationFixture fixture) : SelfServiceTest(fixture)
{
    [Fact]
    public async Task Preferences_are_saved_and_shown_again()
    {
        using var client = await SignedInAsync("prefs@example.com", Roles.Member);

        var saved = await PostFormAsync(client, "/account/manage/preferences", "/account/manage/preferences",
            [new("Input.Alerts", "Daily"), new("Input.Newsletter", "true"), new("Input.Newsletter", "false")]);

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await client.GetStringAsync(new Uri("/account/manage/preferences", UriKind.Relative), Ct);
        page.ShouldContain("id=\"alerts-Daily\" name=\"Input.Alerts\" value=\"Daily\" checked=\"checked\"");
        page.ShouldContain("id=\"newsletter\" name=\"Input.Newsletter\" value=\"true\" checked=\"checked\"");
        (await AuditAsync("prefs@example.com")).ShouldContain(a => a.Action == "changed e-mail preferences" && a.Detail == "alerts weekly → daily; subscribed to the newsletter");
    }

    [Fact]
    public async Task An_unknown_alert_frequency_is_refused_with_a_message()
    {
        using var client = await SignedInAsync("prefs@example.com", Roles.Member);

        var response = await PostFormAsync(client, "/account/manage/preferences", "/account/manage/preferences", [new("Input.Alerts", "Hourly"), new("Input.Newsletter", "false")]);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Choose how often");
    }
}
