using System.Net;
using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Issues;
using SesecPortal.Application.Features.Mail;
using SesecPortal.Application.Features.Newsletter;
using SesecPortal.TestSupport;

namespace SesecPortal.IntegrationTests.Mail;

/// <summary>A database of its own for the delivery tests: no other portal's mail worker takes their messages.</summary>
public sealed class MailDeliveryDatabase : IAsyncLifetime
{
    public PortalDatabase Database { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Database = await PortalDatabase.CreateAsync("sesec_mail_delivery");

    public async ValueTask DisposeAsync() => await Database.DisposeAsync();
}

/// <summary>
/// The outbox and the mail worker against real SMTP over TCP: each message once with two portal instances on one
/// database, nothing lost while the SMTP server is down during a publish, and the .eml files of a portal without SMTP.
/// </summary>
public sealed class MailDeliveryTests(MailDeliveryDatabase fixture) : IClassFixture<MailDeliveryDatabase>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PortalDatabase Database => fixture.Database;

    public async ValueTask InitializeAsync() => await Database.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private PortalFactory Instance(Dictionary<string, string> settings, bool kestrel = false) => new(Database.ConnectionString, kestrel, settings: settings);

    private static async Task QueueAsync(PortalFactory instance, IEnumerable<string> recipients)
    {
        await using var scope = instance.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var site = scope.ServiceProvider.GetRequiredService<SesecPortal.Application.Common.SiteAddress>();
        foreach (var to in recipients)
        {
            outbox.Enqueue(MailKind.AccountNotice, to, new MailComposer(site, $"Hello {to}").Heading("Hello").Paragraph("A test message.").Build());
        }

        await db.SaveChangesAsync(Ct);
    }

    private async Task<int> UnsentAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.OutboxMessages.CountAsync(m => m.SentAt == null, Ct);
    }

    [Fact]
    public async Task Two_portal_instances_deliver_each_message_once()
    {
        await using var smtp = TestSmtpServer.Start();
        var settings = new Dictionary<string, string>(smtp.Settings()) { ["Email:Outbox:BatchSize"] = "3" };
        await using var a = Instance(settings);
        await using var b = Instance(settings);
        var recipients = Enumerable.Range(1, 60).Select(i => $"member{i}@example.com").ToList();

        await QueueAsync(a, recipients);

        var received = await smtp.WaitForAsync(_ => true, count: recipients.Count);
        await Until.TrueAsync(async () => await UnsentAsync() == 0, "every message to be marked sent");
        smtp.Received.Count.ShouldBe(recipients.Count);
        received.Select(m => m.To.Mailboxes.Single().Address).Order().ShouldBe(recipients.Order());
    }

    [Fact]
    public async Task With_the_smtp_server_down_during_a_publish_nothing_is_lost_and_all_goes_out_when_it_is_back()
    {
        var port = TestSmtpServer.FreePort();
        await using var portal = Instance(TestSmtpServer.SettingsFor(port));
        var subscribers = new[] { "a@example.com", "b@example.com", "c@example.com" };
        await using (var db = Database.CreateDbContext())
        {
            db.NewsletterSubscriptions.AddRange(subscribers.Select(e => new NewsletterSubscription
            {
                Email = e, NormalizedEmail = NewsletterSubscription.Normalize(e), CreatedAt = DateTimeOffset.UtcNow, ConfirmedAt = DateTimeOffset.UtcNow,
            }));
            await db.SaveChangesAsync(Ct);
        }

        var issueId = await RepublishAsync(portal);
        await Until.TrueAsync(async () =>
        {
            await using var db = Database.CreateDbContext();
            return await db.OutboxMessages.CountAsync(m => m.IssueId == issueId && m.Attempts >= 2 && m.LastError != null && m.SentAt == null, Ct) == subscribers.Length;
        }, "every newsletter to have failed twice against the missing SMTP server");
        (await MailingAsync(portal, issueId)).ShouldBe(new GetIssueMailing.Result(subscribers.Length, 0, 0, subscribers.Length));

        await using var smtp = TestSmtpServer.Start(port);
        var received = await smtp.WaitForAsync(_ => true, count: subscribers.Length);

        received.Select(m => m.To.Mailboxes.Single().Address).Order().ShouldBe(subscribers);
        await Until.TrueAsync(async () => (await MailingAsync(portal, issueId)).Sent == subscribers.Length, "the counts to show every newsletter sent");
        (await MailingAsync(portal, issueId)).ShouldBe(new GetIssueMailing.Result(0, subscribers.Length, 0, subscribers.Length));
    }

    [Fact]
    public async Task Without_an_smtp_server_each_message_is_written_as_an_eml_file()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sesecportal-tests", "pickup-" + Guid.NewGuid().ToString("N"));
        await using var portal = Instance(new Dictionary<string, string>
        {
            ["Email:Outbox:Worker"] = "true", ["Email:Outbox:PollSeconds"] = "0.1", ["Email:PickupDirectory"] = folder, ["Email:Smtp:Host"] = "",
        });

        await QueueAsync(portal, ["newcomer@example.com"]);

        await Until.TrueAsync(() => Task.FromResult(Directory.Exists(folder) && Directory.GetFiles(folder, "*.eml").Length == 1), "the .eml file");
        var message = await MimeMessage.LoadAsync(Directory.GetFiles(folder, "*.eml").Single(), Ct);
        message.Subject.ShouldBe("Hello newcomer@example.com");
        message.TextBody!.ShouldContain("A test message.");
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task The_retry_waits_double_after_each_failed_attempt_up_to_the_longest()
    {
        var options = new OutboxOptions { FirstRetry = TimeSpan.FromSeconds(30), LongestRetry = TimeSpan.FromMinutes(5) };

        Enumerable.Range(1, 6).Select(options.Backoff).ShouldBe(
            [TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(240), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)]);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_message_is_given_up_after_the_last_attempt_and_counted_as_failed()
    {
        var port = TestSmtpServer.FreePort();
        var settings = new Dictionary<string, string>(TestSmtpServer.SettingsFor(port)) { ["Email:Outbox:MaxAttempts"] = "2" };
        await using var portal = Instance(settings);

        await QueueAsync(portal, ["unlucky@example.com"]);

        await Until.TrueAsync(async () =>
        {
            await using var db = Database.CreateDbContext();
            return await db.OutboxMessages.AnyAsync(m => m.FailedAt != null && m.Attempts == 2, Ct);
        }, "the message to be given up after 2 attempts");
    }

    private static async Task<int> RepublishAsync(PortalFactory portal)
    {
        var accessor = portal.Services.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity([new(ClaimTypes.NameIdentifier, "editor"), new(ClaimTypes.Name, "editor"), new(ClaimTypes.Role, Roles.Editor)], "test")),
        };
        try
        {
            await using var scope = portal.Services.CreateAsyncScope();
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var id = await db.Issues.Where(i => i.Slug == "december-2021-january-2022").Select(i => i.Id).SingleAsync(Ct);
            await sender.Send(new UnpublishIssue.Command(id), Ct);
            var version = (await sender.Send(new GetIssueForEditing.Query(id), Ct)).ShouldNotBeNull().Version;
            await sender.Send(new PublishIssue.Command(id, version), Ct);
            return id;
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    private static async Task<GetIssueMailing.Result> MailingAsync(PortalFactory portal, int issueId)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetIssueMailing.Query(issueId), Ct);
    }
}
