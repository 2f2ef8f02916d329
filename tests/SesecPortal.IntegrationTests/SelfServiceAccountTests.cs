using System.Net;
using System.Text.Json;
using System.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Accounts;
using SesecPortal.TestSupport;

namespace SesecPortal.IntegrationTests;

/// <summary>
/// Members who join by themselves and manage their account: sign-up with a confirmation link, invitations, password and
/// address changes, preferences, their data, deletion; every mail received on the test SMTP server and its links followed.
/// </summary>
public sealed class SelfServiceAccountTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    private const string Password = "Correct-Horse-42";
    private const string NewPassword = "Brand-New-Pass-7";

    private static async Task<HttpResponseMessage> SignUpAsync(HttpClient client, string email, string? name = null, string? website = null)
    {
        var html = await client.GetStringAsync(new Uri("/account/sign-up", UriKind.Relative), Ct);
        var stamp = System.Text.RegularExpressions.Regex.Match(html, "name=\"FormStamp\" value=\"([^\"]*)\"").Groups[1].Value;
        return await PostFormAsync(client, "/account/sign-up", "/account/sign-up",
            [new("Input.Email", email), new("Input.DisplayName", name ?? ""), new("Website", website ?? ""), new("FormStamp", stamp)]);
    }

    private async Task<Uri> ActivationLinkAsync(string email, string subject = "Confirm your address")
    {
        var mail = await Fixture.Mail.WaitForAsync(email, subject);
        return MailLinks.Find(mail, "/account/activate");
    }

    private static async Task<HttpResponseMessage> ActivateAsync(HttpClient client, Uri link, string password, string? again = null)
    {
        var query = HttpUtility.ParseQueryString(link.Query);
        return await PostFormAsync(client, link.PathAndQuery, link.PathAndQuery,
            [new("user", query["user"]!), new("Code", query["code"]!), new("Password", password), new("ConfirmPassword", again ?? password)]);
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        await PostFormAsync(client, "/account/sign-in", "/account/sign-in", [new("Input.Email", email), new("Input.Password", password)]);

    private async Task<List<AuditEntry>> AuditAsync(string? subjectEmail = null)
    {
        await using var db = Fixture.Database.CreateDbContext();
        return await db.AuditEntries.AsNoTracking().Where(a => a.ItemKind == ItemKind.User && (subjectEmail == null || a.ItemTitle == subjectEmail))
            .OrderBy(a => a.Id).ToListAsync(Ct);
    }

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
    public async Task An_admin_invites_an_editor_who_chooses_their_own_password_and_reaches_the_editor()
    {
        using var admin = await SignedInAsync("chief@example.com", Roles.Admin);

        var invited = await PostFormAsync(admin, "/admin/users/invite", "/admin/users/invite",
            [new("Input.Email", "new-editor@example.com"), new("Input.DisplayName", "New Editor"), new("Input.Role", Roles.Editor)]);
        invited.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var mail = await Fixture.Mail.WaitForAsync("new-editor@example.com", "invites you to SesecPortal");
        mail.TextBody!.ShouldContain("as an editor");
        var link = MailLinks.Find(mail, "/account/activate");
        using var editor = Fixture.CreateSignedInCapableClient();
        (await editor.GetStringAsync(new Uri(link.PathAndQuery, UriKind.Relative), Ct)).ShouldContain("Accept your invitation");
        (await ActivateAsync(editor, link, Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await editor.GetAsync(new Uri("/editor", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AuditAsync("new-editor@example.com")).Select(a => (a.Action, a.UserName)).ShouldBe(
            [("invited", "chief@example.com"), ("accepted the invitation", "New Editor")]);
    }

    [Fact]
    public async Task An_invitation_link_works_only_once()
    {
        using var admin = await SignedInAsync("chief@example.com", Roles.Admin);
        await PostFormAsync(admin, "/admin/users/invite", "/admin/users/invite", [new("Input.Email", "guest@example.com"), new("Input.Role", Roles.Member)]);
        var link = MailLinks.Find(await Fixture.Mail.WaitForAsync("guest@example.com", "invites you"), "/account/activate");
        using var guest = Fixture.CreateSignedInCapableClient();
        await ActivateAsync(guest, link, Password);

        using var someoneElse = Fixture.CreateSignedInCapableClient();
        var reused = await someoneElse.GetAsync(new Uri(link.PathAndQuery, UriKind.Relative), Ct);

        reused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Inviting_an_address_that_has_an_account_is_refused_with_the_reason_and_keeps_the_form()
    {
        await Fixture.CreateUserAsync("taken@example.com", Password, Roles.Member);
        using var admin = await SignedInAsync("chief@example.com", Roles.Admin);

        var response = await PostFormAsync(admin, "/admin/users/invite", "/admin/users/invite",
            [new("Input.Email", "taken@example.com"), new("Input.DisplayName", "Kept"), new("Input.Role", Roles.Editor)]);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("taken@example.com already has an account.");
        html.ShouldContain("value=\"Kept\"");
    }

    [Fact]
    public async Task An_invitation_as_admin_is_refused()
    {
        using var admin = await SignedInAsync("chief@example.com", Roles.Admin);

        var response = await PostFormAsync(admin, "/admin/users/invite", "/admin/users/invite", [new("Input.Email", "boss2@example.com"), new("Input.Role", Roles.Admin)]);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Choose Editor or Member.");
    }

    [Fact]
    public async Task A_member_changes_their_password_with_the_current_one_and_is_told_by_mail()
    {
        using var client = await SignedInAsync("changer@example.com", Roles.Member);

        var wrong = await PostFormAsync(client, "/account/manage/password", "/account/manage/password",
            [new("Input.CurrentPassword", "not-it"), new("Input.NewPassword", NewPassword), new("Input.ConfirmPassword", NewPassword)]);
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrong.Content.ReadAsStringAsync(Ct)).ShouldContain("That is not your current password.");
        var changed = await PostFormAsync(client, "/account/manage/password", "/account/manage/password",
            [new("Input.CurrentPassword", Password), new("Input.NewPassword", NewPassword), new("Input.ConfirmPassword", NewPassword)]);

        changed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetAsync(new Uri("/account/manage", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK, "still signed in");
        await Fixture.Mail.WaitForAsync("changer@example.com", "Your SesecPortal password was changed");
        using var other = Fixture.CreateSignedInCapableClient();
        (await SignInAsync(other, "changer@example.com", NewPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_weak_new_password_is_refused_with_the_reason()
    {
        using var client = await SignedInAsync("changer@example.com", Roles.Member);

        var response = await PostFormAsync(client, "/account/manage/password", "/account/manage/password",
            [new("Input.CurrentPassword", Password), new("Input.NewPassword", "alllowercase123"), new("Input.ConfirmPassword", "alllowercase123")]);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("uppercase");
        html.ShouldContain("value=\"alllowercase123\"");
    }

    [Fact]
    public async Task A_new_address_is_used_only_once_the_link_sent_to_it_is_followed()
    {
        using var client = await SignedInAsync("old@example.com", Roles.Member);

        var asked = await PostFormAsync(client, "/account/manage/email", "/account/manage/email", [new("Input.NewEmail", "new@example.com"), new("Input.Password", Password)]);
        (await asked.Content.ReadAsStringAsync(Ct)).ShouldContain("We have sent a link to new@example.com");
        using (var before = Fixture.CreateSignedInCapableClient())
        {
            (await SignInAsync(before, "old@example.com", Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect, "the old address still works");
        }

        var link = MailLinks.Find(await Fixture.Mail.WaitForAsync("new@example.com", "Confirm your new SesecPortal address"), "/account/confirm-email-change");
        var query = HttpUtility.ParseQueryString(link.Query);
        var confirmed = await PostFormAsync(client, link.PathAndQuery, link.PathAndQuery, [new("user", query["user"]!), new("Email", query["email"]!), new("Code", query["code"]!)]);

        confirmed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetStringAsync(new Uri("/account/manage", UriKind.Relative), Ct)).ShouldContain("Your address is now new@example.com.");
        await Fixture.Mail.WaitForAsync("old@example.com", "Your SesecPortal address was changed");
        using var after = Fixture.CreateSignedInCapableClient();
        (await SignInAsync(after, "new@example.com", Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Asking_for_an_address_someone_else_uses_answers_the_same_and_sends_nothing()
    {
        await Fixture.CreateUserAsync("other@example.com", Password, Roles.Member);
        using var client = await SignedInAsync("me@example.com", Roles.Member);

        var response = await PostFormAsync(client, "/account/manage/email", "/account/manage/email", [new("Input.NewEmail", "other@example.com"), new("Input.Password", Password)]);

        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("We have sent a link to other@example.com");
        await using var db = Fixture.Database.CreateDbContext();
        (await db.OutboxMessages.AnyAsync(m => m.Recipient == "other@example.com" && m.Kind == MailKind.EmailChange, Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_bad_new_address_is_refused_and_kept()
    {
        using var client = await SignedInAsync("me@example.com", Roles.Member);

        var response = await PostFormAsync(client, "/account/manage/email", "/account/manage/email", [new("Input.NewEmail", "me@"), new("Input.Password", Password)]);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("Enter an e-mail address like name@example.com.");
        html.ShouldContain("value=\"me@\"");
    }

    [Fact]
    public async Task A_tampered_change_of_address_link_is_refused()
    {
        var id = await Fixture.CreateUserAsync("me@example.com", Password, Roles.Member);
        using var client = Fixture.CreateSignedInCapableClient();
        var path = $"/account/confirm-email-change?user={id}&email=thief%40example.com&code=Zm9yZ2Vk";

        var response = await PostFormAsync(client, path, path, [new("user", id), new("Email", "thief@example.com"), new("Code", "Zm9yZ2Vk")]);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("This link has expired or has already been used.");
    }

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

    [Fact]
    public async Task Downloading_my_data_gives_the_account_the_watchlist_and_the_preferences_as_json()
    {
        using var client = await SignedInAsync("data@example.com", Roles.Member);
        await client.GetAsync(new Uri("/watchlist", UriKind.Relative), Ct);
        await PostFormAsync(client, "/sectors/ict", "/watchlist?handler=Follow", [new("input.Kind", "Sector"), new("input.ItemId", await SectorIdAsync("ict")), new("returnUrl", "/sectors/ict")]);

        var response = await PostFormAsync(client, "/account/manage/data", "/account/manage/data", []);

        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe("sesecportal-my-data.json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        json.RootElement.GetProperty("account").GetProperty("email").GetString().ShouldBe("data@example.com");
        json.RootElement.GetProperty("watchlist").GetProperty("following")[0].GetProperty("name").GetString().ShouldBe("ICT");
        json.RootElement.GetProperty("preferences").GetProperty("watchlistAlerts").GetString().ShouldBe("Weekly");
    }

    private async Task<string> SectorIdAsync(string slug)
    {
        await using var db = Fixture.Database.CreateDbContext();
        return (await db.Sectors.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync(Ct)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Deleting_the_account_erases_the_personal_data_and_the_audit_keeps_deleted_account()
    {
        using var client = await SignedInAsync("leaver@example.com", Roles.Member);
        await PostFormAsync(client, "/account/manage/preferences", "/account/manage/preferences", [new("Input.Alerts", "Daily"), new("Input.Newsletter", "true")]);
        await client.GetAsync(new Uri("/watchlist", UriKind.Relative), Ct);

        var wrong = await PostFormAsync(client, "/account/manage/delete", "/account/manage/delete", [new("Password", "not-it")]);
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrong.Content.ReadAsStringAsync(Ct)).ShouldContain("That is not your password.");
        var deleted = await PostFormAsync(client, "/account/manage/delete", "/account/manage/delete", [new("Password", Password)]);

        deleted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using var db = Fixture.Database.CreateDbContext();
        (await db.Users.AnyAsync(u => u.Email == "leaver@example.com", Ct)).ShouldBeFalse();
        (await db.NewsletterSubscriptions.AnyAsync(s => s.Email == "leaver@example.com", Ct)).ShouldBeFalse();
        (await db.OutboxMessages.AnyAsync(m => m.Recipient == "leaver@example.com", Ct)).ShouldBeFalse();
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.ItemKind == ItemKind.User).ToListAsync(Ct);
        entries.ShouldNotContain(a => a.ItemTitle == "leaver@example.com" || a.UserName == "leaver@example.com" || (a.Detail ?? "").Contains("leaver@", StringComparison.Ordinal));
        entries.ShouldContain(a => a.Action == "deleted the account" && a.UserName == "deleted account");
        entries.ShouldContain(a => a.Action == "changed e-mail preferences" && a.UserName == "deleted account" && a.ItemTitle == "deleted account");
        (await db.Watchlists.CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task The_only_admin_cannot_delete_their_account()
    {
        using var client = await SignedInAsync("solo-admin@example.com", Roles.Admin);

        var response = await PostFormAsync(client, "/account/manage/delete", "/account/manage/delete", [new("Password", Password)]);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("You are the only admin");
    }

    [Fact]
    public async Task Creating_an_account_from_the_command_line_is_audited()
    {
        await SesecPortal.Web.Infrastructure.AdminCommand.RunAsync(Fixture.Factory.Services, ["create-admin", "--email", "ops@example.com", "--password", Password]);

        var entry = (await AuditAsync("ops@example.com")).ShouldHaveSingleItem();

        entry.Action.ShouldBe("created");
        entry.UserName.ShouldBe("system");
        entry.Detail!.ShouldStartWith("as Admin");
    }

    [Fact]
    public async Task Changing_roles_is_audited_with_who_and_what()
    {
        var id = await Fixture.CreateUserAsync("promoted@example.com", Password, Roles.Member);
        using var admin = await SignedInAsync("chief@example.com", Roles.Admin);

        await PostFormAsync(admin, $"/admin/users/{id}/roles", $"/admin/users/{id}/roles", [new("Roles", Roles.Member), new("Roles", Roles.Editor)]);

        var entry = (await AuditAsync("promoted@example.com")).Last();
        entry.Action.ShouldBe("changed roles");
        entry.UserName.ShouldBe("chief@example.com");
        entry.Detail.ShouldBe("Member → Editor, Member");
    }

    [Fact]
    public async Task Account_actions_are_listed_in_the_audit_log_page()
    {
        using var admin = await SignedInAsync("chief@example.com", Roles.Admin);
        await PostFormAsync(admin, "/admin/users/invite", "/admin/users/invite", [new("Input.Email", "listed@example.com"), new("Input.Role", Roles.Member)]);

        var html = await admin.GetStringAsync(new Uri("/editor/audit?kind=User", UriKind.Relative), Ct);

        html.ShouldContain("invited");
        html.ShouldContain("listed@example.com");
        html.ShouldContain("as Member");
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

    [Fact]
    public async Task The_users_page_shows_who_has_not_followed_their_link_and_sends_a_new_invitation()
    {
        using var admin = await SignedInAsync("chief@example.com", Roles.Admin);
        await PostFormAsync(admin, "/admin/users/invite", "/admin/users/invite", [new("Input.Email", "slow@example.com"), new("Input.Role", Roles.Member)]);
        var first = MailLinks.Find(await Fixture.Mail.WaitForAsync("slow@example.com", "invites you"), "/account/activate");
        await using var scope = Fixture.CreateScope();
        var id = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync("slow@example.com"))!.Id;

        (await admin.GetStringAsync(new Uri("/admin/users", UriKind.Relative), Ct)).ShouldContain("link not followed yet");
        (await PostFormAsync(admin, "/admin/users", "/admin/users?handler=Resend", [new("id", id)])).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await Fixture.Mail.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == "slow@example.com"), count: 2);
        using var guest = Fixture.CreateSignedInCapableClient();
        (await guest.GetAsync(new Uri(first.PathAndQuery, UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "the earlier link stops working");
    }
}
