using System.Net;
using System.Web;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Issues;
using SesecPortal.Application.Features.Newsletter;
using SesecPortal.TestSupport;

namespace SesecPortal.IntegrationTests.Newsletter;

/// <summary>The issue as a newsletter: double opt-in for anonymous readers, queued by publishing, a test to oneself, counts, unsubscribe.</summary>
public sealed class NewsletterTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    private const string Editor = "editor@example.com";
    private const string Issue = "december-2021-january-2022";

    private async Task<int> SeedIssueIdAsync()
    {
        await using var db = Fixture.Database.CreateDbContext();
        return await db.Issues.Where(i => i.Slug == Issue).Select(i => i.Id).SingleAsync(Ct);
    }

    private async Task SubscribersAsync(params string[] emails)
    {
        await using var db = Fixture.Database.CreateDbContext();
        foreach (var email in emails)
        {
            db.NewsletterSubscriptions.Add(new NewsletterSubscription
            {
                Email = email, NormalizedEmail = NewsletterSubscription.Normalize(email), CreatedAt = DateTimeOffset.UtcNow, ConfirmedAt = DateTimeOffset.UtcNow,
            });
        }

        await db.SaveChangesAsync(Ct);
    }

    /// <summary>Takes the seed issue offline and publishes it again, as an editor: the publication that sends it.</summary>
    private async Task RepublishAsync()
    {
        var id = await SeedIssueIdAsync();
        using var _ = Fixture.ActAs(Editor, Roles.Editor);
        await SendAsync(new UnpublishIssue.Command(id));
        var version = (await SendAsync(new GetIssueForEditing.Query(id))).ShouldNotBeNull().Version;
        await SendAsync(new PublishIssue.Command(id, version));
    }

    private static async Task<HttpResponseMessage> SubscribeAsync(HttpClient client, string email, string website = "")
    {
        var html = await client.GetStringAsync(new Uri("/newsletter", UriKind.Relative), Ct);
        var stamp = System.Text.RegularExpressions.Regex.Match(html, "name=\"FormStamp\" value=\"([^\"]*)\"").Groups[1].Value;
        return await PostFormAsync(client, "/newsletter", "/newsletter", [new("Email", email), new("Website", website), new("FormStamp", stamp)]);
    }

    [Fact]
    public async Task An_anonymous_reader_is_subscribed_only_after_following_the_confirmation_link()
    {
        using var client = Fixture.CreateSignedInCapableClient();

        (await (await SubscribeAsync(client, "reader@example.com")).Content.ReadAsStringAsync(Ct)).ShouldContain("Check your inbox");
        var mail = await Fixture.Mail.WaitForAsync("reader@example.com", "Confirm your subscription");
        await using (var db = Fixture.Database.CreateDbContext())
        {
            (await db.NewsletterSubscriptions.SingleAsync(s => s.Email == "reader@example.com", Ct)).ConfirmedAt.ShouldBeNull();
        }

        var link = MailLinks.Find(mail, "/newsletter/confirm");
        (await client.GetStringAsync(new Uri(link.PathAndQuery, UriKind.Relative), Ct)).ShouldContain("Yes, send me the newsletter");
        var confirmed = await PostFormAsync(client, link.PathAndQuery, link.PathAndQuery, [new("token", HttpUtility.ParseQueryString(link.Query)["token"]!)]);

        (await confirmed.Content.ReadAsStringAsync(Ct)).ShouldContain("reader@example.com will receive the next issue");
        await using var after = Fixture.Database.CreateDbContext();
        (await after.NewsletterSubscriptions.SingleAsync(s => s.Email == "reader@example.com", Ct)).ConfirmedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task Subscribing_an_address_already_subscribed_answers_the_same_and_sends_nothing()
    {
        await SubscribersAsync("loyal@example.com");
        using var client = Fixture.CreateSignedInCapableClient();

        var response = await SubscribeAsync(client, "loyal@example.com");

        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Check your inbox: if loyal@example.com is not subscribed yet");
        await using var db = Fixture.Database.CreateDbContext();
        (await db.OutboxMessages.AnyAsync(m => m.Recipient == "loyal@example.com", Ct)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    public async Task A_tampered_confirmation_link_is_refused_with_a_message(string token)
    {
        using var client = Fixture.CreateSignedInCapableClient();
        var path = $"/newsletter/confirm?token={token}";

        var response = token.Length == 0
            ? await client.GetAsync(new Uri(path, UriKind.Relative), Ct)
            : await PostFormAsync(client, path, path, [new("token", token)]);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("This confirmation link has expired or is not valid.");
    }

    [Fact]
    public async Task A_bad_address_is_refused_and_kept()
    {
        using var client = Fixture.CreateSignedInCapableClient();

        var response = await SubscribeAsync(client, "reader@@example");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("Enter an e-mail address like name@example.com.");
        html.ShouldContain("value=\"reader@@example\"");
    }

    [Fact]
    public async Task Publishing_sends_the_issue_to_confirmed_subscribers_only()
    {
        await SubscribersAsync("one@example.com", "two@example.com");
        await using (var db = Fixture.Database.CreateDbContext())
        {
            db.NewsletterSubscriptions.Add(new NewsletterSubscription { Email = "unconfirmed@example.com", NormalizedEmail = "UNCONFIRMED@EXAMPLE.COM", CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(Ct);
        }

        await RepublishAsync();

        var mails = await Fixture.Mail.WaitForAsync(m => (m.Subject ?? "").Contains("December 2021 – January 2022", StringComparison.Ordinal), count: 2);
        mails.SelectMany(m => m.To.Mailboxes.Select(a => a.Address)).Order().ShouldBe(["one@example.com", "two@example.com"]);
        Fixture.Mail.To("unconfirmed@example.com").ShouldBeEmpty();
    }

    [Fact]
    public async Task The_newsletter_has_the_cover_the_takeaways_and_each_article_with_its_summary_and_a_working_link()
    {
        await SubscribersAsync("reader@example.com");

        await RepublishAsync();

        var mail = await Fixture.Mail.WaitForAsync("reader@example.com", "December 2021 – January 2022");
        mail.TextBody!.ShouldContain("No. 1");
        mail.TextBody!.ShouldContain("Key takeaways");
        mail.HtmlBody!.ShouldContain("<h2");
        mail.HtmlBody!.ShouldContain("style=\"", Case.Sensitive, "CSS is inlined");
        mail.HtmlBody!.ShouldNotContain("<style");
        mail.Headers["List-Unsubscribe-Post"].ShouldBe("List-Unsubscribe=One-Click");
        var article = MailLinks.Find(mail, "/articles/china-meets-europe-sesec-presented-at-hamburg-summit");
        using var client = Fixture.CreateClient();
        (await client.GetAsync(article, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync(MailLinks.Find(mail, $"/issues/{Issue}"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var articlesInMail = MailLinks.InHtml(mail).Count(u => u.AbsolutePath.StartsWith("/articles/", StringComparison.Ordinal));
        await using var db = Fixture.Database.CreateDbContext();
        var articlesInIssue = await db.Articles.CountAsync(a => a.Section!.Issue!.Slug == Issue, Ct);
        articlesInMail.ShouldBeGreaterThanOrEqualTo(articlesInIssue);
    }

    [Fact]
    public async Task Publishing_again_after_taking_the_issue_offline_sends_it_once()
    {
        await SubscribersAsync("reader@example.com");

        await RepublishAsync();
        await RepublishAsync();

        await using var db = Fixture.Database.CreateDbContext();
        (await db.OutboxMessages.CountAsync(m => m.Kind == MailKind.Newsletter, Ct)).ShouldBe(1);
    }

    [Fact]
    public async Task A_publication_that_fails_half_way_queues_no_newsletter()
    {
        await SubscribersAsync("reader@example.com");
        var id = await SeedIssueIdAsync();
        using (Fixture.ActAs(Editor, Roles.Editor))
        {
            await SendAsync(new UnpublishIssue.Command(id));
        }

        await using var connection = new NpgsqlConnection(Fixture.Database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using (var create = new NpgsqlCommand("""
            CREATE FUNCTION refuse_issue() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full (simulated)'; END $$;
            CREATE TRIGGER refuse_issue BEFORE UPDATE ON newsletter_issues FOR EACH ROW WHEN (NEW.status = 'Published') EXECUTE FUNCTION refuse_issue();
            """, connection))
        {
            await create.ExecuteNonQueryAsync(Ct);
        }

        try
        {
            using var _ = Fixture.ActAs(Editor, Roles.Editor);
            var version = (await SendAsync(new GetIssueForEditing.Query(id))).ShouldNotBeNull().Version;
            await Should.ThrowAsync<Exception>(() => SendAsync(new PublishIssue.Command(id, version)));
        }
        finally
        {
            await using var drop = new NpgsqlCommand("DROP TRIGGER refuse_issue ON newsletter_issues; DROP FUNCTION refuse_issue();", connection);
            await drop.ExecuteNonQueryAsync(Ct);
        }

        await using var db = Fixture.Database.CreateDbContext();
        (await db.OutboxMessages.AnyAsync(Ct)).ShouldBeFalse();
        (await db.MailBodies.AnyAsync(Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task An_editor_sends_a_test_to_themselves_first_and_the_counts_leave_it_out()
    {
        await SubscribersAsync("reader@example.com");
        using var editor = await SignedInAsync(Editor, Roles.Editor);
        var id = await SeedIssueIdAsync();

        var sent = await PostFormAsync(editor, $"/editor/issues/{id}", $"/editor/issues/{id}?handler=SendTest", []);

        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var test = await Fixture.Mail.WaitForAsync(Editor, "[Test]");
        test.TextBody!.ShouldContain("Key takeaways");
        Fixture.Mail.To("reader@example.com").ShouldBeEmpty();
        (await SendAsync(new GetIssueMailing.Query(id))).ShouldBe(new GetIssueMailing.Result(0, 0, 0, 1));
    }

    [Fact]
    public async Task The_issue_page_shows_queued_sent_and_failed_counts()
    {
        await SubscribersAsync("reader@example.com", "other@example.com");
        await RepublishAsync();
        await Fixture.Mail.WaitForAsync(m => (m.Subject ?? "").Contains("December 2021", StringComparison.Ordinal), count: 2);
        await Until.TrueAsync(async () => (await SendAsync(new GetIssueMailing.Query(await SeedIssueIdAsync()))).Sent == 2, "both to be marked sent");
        using var editor = await SignedInAsync("chief-editor@example.com", Roles.Editor);

        var html = await editor.GetStringAsync(new Uri($"/editor/issues/{await SeedIssueIdAsync()}", UriKind.Relative), Ct);

        html.ShouldContain("<dt>Queued</dt><dd>0</dd>");
        html.ShouldContain("<dt>Sent</dt><dd>2</dd>");
        html.ShouldContain("<dt>Failed</dt><dd>0</dd>");
    }

    [Fact]
    public async Task A_member_who_chooses_the_newsletter_in_the_preferences_receives_the_issue()
    {
        using var client = await SignedInAsync("member@example.com", Roles.Member);
        await PostFormAsync(client, "/account/manage/preferences", "/account/manage/preferences", [new("Input.Alerts", "Weekly"), new("Input.Newsletter", "true")]);

        await RepublishAsync();

        await Fixture.Mail.WaitForAsync("member@example.com", "December 2021 – January 2022");
    }

    [Fact]
    public async Task One_click_unsubscribe_from_the_newsletter_removes_the_subscription()
    {
        await SubscribersAsync("leaving@example.com");
        await RepublishAsync();
        var mail = await Fixture.Mail.WaitForAsync("leaving@example.com", "December 2021");
        using var client = Fixture.CreateClient();
        using var body = new StringContent("List-Unsubscribe=One-Click", System.Text.Encoding.ASCII, "application/x-www-form-urlencoded");

        var response = await client.PostAsync(new Uri(mail.Headers["List-Unsubscribe"]!.Trim('<', '>')), body, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("you no longer receive the SESEC newsletter");
        await using var db = Fixture.Database.CreateDbContext();
        (await db.NewsletterSubscriptions.AnyAsync(s => s.Email == "leaving@example.com", Ct)).ShouldBeFalse();
    }
}
