using System.Net;
using System.Web;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;
using SesecPortal.TestSupport;

namespace SesecPortal.IntegrationTests.Accounts;

/// <summary>Signing up and confirming the address by the mailed link.</summary>
public sealed class SignUpTests(IntegrationFixture fixture) : SelfServiceTest(fixture)
{
    [Fact]
    public async Task Signing_up_mails_a_confirmation_link_and_the_account_cannot_sign_in_before_it_is_followed()
    {
        using var client = Fixture.CreateSignedInCapableClient();

        var response = await SignUpAsync(client, "joiner@example.com", "Joiner Ltd");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Check your inbox.");
        var mail = await Fixture.Mail.WaitForAsync("joiner@example.com", "Confirm your address");
        mail.TextBody!.ShouldContain("The link works for 24 hours and only once.");
        (await SignInAsync(client, "joiner@example.com", Password)).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "no password exists before the link is followed");
    }

    [Fact]
    public async Task Following_the_confirmation_link_lets_the_member_choose_a_password_and_sign_in()
    {
        using var client = Fixture.CreateSignedInCapableClient();
        await SignUpAsync(client, "joiner@example.com");
        var link = await ActivationLinkAsync("joiner@example.com");

        var page = await client.GetStringAsync(new Uri(link.PathAndQuery, UriKind.Relative), Ct);
        page.ShouldContain("Choose the password of <strong>joiner@example.com</strong>");
        var activated = await ActivateAsync(client, link, Password);

        activated.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        activated.Headers.Location!.ToString().ShouldBe("/account/manage");
        (await client.GetStringAsync(new Uri("/account/manage", UriKind.Relative), Ct)).ShouldContain("Your address is confirmed");
        using var other = Fixture.CreateSignedInCapableClient();
        (await SignInAsync(other, "joiner@example.com", Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await AuditAsync("joiner@example.com")).Select(a => a.Action).ShouldBe(["signed up", "confirmed the address"]);
    }

    [Fact]
    public async Task A_confirmation_link_works_only_once()
    {
        using var client = Fixture.CreateSignedInCapableClient();
        await SignUpAsync(client, "once@example.com");
        var link = await ActivationLinkAsync("once@example.com");
        await ActivateAsync(client, link, Password);

        using var again = Fixture.CreateSignedInCapableClient();
        var reused = await again.GetAsync(new Uri(link.PathAndQuery, UriKind.Relative), Ct);

        reused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await reused.Content.ReadAsStringAsync(Ct)).ShouldContain("This link has expired or has already been used.");
    }

    [Fact]
    public async Task An_expired_confirmation_link_is_refused_with_a_way_to_ask_for_a_new_one()
    {
        await using var factory = new PortalFactory(Fixture.Database.ConnectionString, kestrel: true,
            settings: new Dictionary<string, string>(Fixture.Mail.Settings()) { ["Accounts:SignUpLinkHours"] = "0" });
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = factory.ServerAddress };
        await SignUpAsync(client, "late@example.com");
        var link = await ActivationLinkAsync("late@example.com");

        var expired = await client.GetAsync(new Uri(link.PathAndQuery, UriKind.Relative), Ct);

        expired.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await expired.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("This link has expired or has already been used.");
        html.ShouldContain("href=\"/account/sign-up\"");
    }

    [Fact]
    public async Task A_tampered_confirmation_code_is_refused()
    {
        using var client = Fixture.CreateSignedInCapableClient();
        await SignUpAsync(client, "tamper@example.com");
        var link = await ActivationLinkAsync("tamper@example.com");
        var query = HttpUtility.ParseQueryString(link.Query);
        var forged = $"/account/activate?user={query["user"]}&code={query["code"]![..^4]}AAAA";

        var response = await client.GetAsync(new Uri(forged, UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("This link has expired or has already been used.");
    }

    [Fact]
    public async Task A_weak_password_on_the_confirmation_page_is_refused_with_the_reason_and_kept()
    {
        using var client = Fixture.CreateSignedInCapableClient();
        await SignUpAsync(client, "weak@example.com");
        var link = await ActivationLinkAsync("weak@example.com");

        var response = await ActivateAsync(client, link, "short1A");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("at least 12 characters");
        html.ShouldContain("value=\"short1A\"");
    }

    [Fact]
    public async Task Two_different_passwords_on_the_confirmation_page_are_refused()
    {
        using var client = Fixture.CreateSignedInCapableClient();
        await SignUpAsync(client, "typo@example.com");
        var link = await ActivationLinkAsync("typo@example.com");

        var response = await ActivateAsync(client, link, Password, Password + "x");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("The two passwords are not the same.");
    }

    [Fact]
    public async Task Signing_up_with_a_known_address_answers_the_same_and_tells_the_owner_by_mail()
    {
        await Fixture.CreateUserAsync("known@example.com", Password, Roles.Member);
        using var client = Fixture.CreateSignedInCapableClient();

        var known = await SignUpAsync(client, "known@example.com");
        var unknown = await SignUpAsync(client, "unknown@example.com");

        static string Notice(string html) => System.Text.RegularExpressions.Regex.Match(html, "<div class=\"notice\".*?</div>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        known.StatusCode.ShouldBe(unknown.StatusCode);
        Notice(await known.Content.ReadAsStringAsync(Ct)).Replace("known@", "X@", StringComparison.Ordinal)
            .ShouldBe(Notice(await unknown.Content.ReadAsStringAsync(Ct)).Replace("unknown@", "X@", StringComparison.Ordinal));
        var notice = await Fixture.Mail.WaitForAsync("known@example.com", "You already have a SesecPortal account");
        MailLinks.Find(notice, "/account/sign-in");
    }

    [Fact]
    public async Task A_filled_in_bot_trap_makes_no_account_and_gets_the_usual_answer()
    {
        using var client = Fixture.CreateSignedInCapableClient();

        var response = await SignUpAsync(client, "bot@example.com", website: "http://spam.example");

        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Check your inbox.");
        await using var db = Fixture.Database.CreateDbContext();
        (await db.Users.AnyAsync(u => u.Email == "bot@example.com", Ct)).ShouldBeFalse();
        (await db.OutboxMessages.AnyAsync(m => m.Recipient == "bot@example.com", Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_form_sent_faster_than_a_person_could_fill_it_makes_no_account()
    {
        await using var factory = new PortalFactory(Fixture.Database.ConnectionString, kestrel: true,
            settings: new Dictionary<string, string> { ["Accounts:FormMinimumSeconds"] = "60" });
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = factory.ServerAddress };

        var response = await SignUpAsync(client, "hasty@example.com");

        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Check your inbox.");
        await using var db = Fixture.Database.CreateDbContext();
        (await db.Users.AnyAsync(u => u.Email == "hasty@example.com", Ct)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("", "Enter your e-mail address.")]
    [InlineData("not-an-address", "Enter an e-mail address like name@example.com.")]
    public async Task Signing_up_with_a_bad_address_says_why_and_keeps_what_was_typed(string email, string message)
    {
        using var client = Fixture.CreateSignedInCapableClient();

        var response = await SignUpAsync(client, email, "Kept Name");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain(message);
        html.ShouldContain("value=\"Kept Name\"");
        html.ShouldContain($"value=\"{email}\"");
    }

    [Fact]
    public async Task Signing_up_is_rate_limited_with_429()
    {
        await using var factory = new PortalFactory(Fixture.Database.ConnectionString, kestrel: true, settings: new Dictionary<string, string> { ["RateLimiting:SignInPerMinute"] = "2" });
        using var client = new HttpClient { BaseAddress = factory.ServerAddress };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.GetAsync(new Uri("/account/sign-up", UriKind.Relative), Ct)).StatusCode);
        }

        statuses.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests]);
    }

    [Fact]
    public async Task A_reset_link_also_confirms_an_address_that_was_never_confirmed()
    {
        using var client = Fixture.CreateSignedInCapableClient();
        await SignUpAsync(client, "lost-link@example.com");
        await PostFormAsync(client, "/account/forgot-password", "/account/forgot-password", [new("Input.Email", "lost-link@example.com")]);
        var link = MailLinks.Find(await Fixture.Mail.WaitForAsync("lost-link@example.com", "Reset your SesecPortal password"), "/account/reset-password");
        var query = HttpUtility.ParseQueryString(link.Query);

        await PostFormAsync(client, link.PathAndQuery, "/account/reset-password",
            [new("Input.Email", query["email"]!), new("Input.Code", query["code"]!), new("Input.Password", NewPassword), new("Input.ConfirmPassword", NewPassword)]);

        (await SignInAsync(client, "lost-link@example.com", NewPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}
