using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Issues;
using SesecPortal.Application.Features.Mail;

namespace SesecPortal.Application.Features.Newsletter;

/// <summary>
/// The issue as a newsletter: its cover (series, title, number, period), its takeaways, and its sections with each
/// article's summary and a link to read on. Publishing queues it to every confirmed subscriber in the publishing
/// transaction: the body is stored once, and one outbox row per subscriber is written by one statement.
/// </summary>
public sealed class IssueNewsletter(PortalDbContext db, MarkdownRenderer markdown, SiteAddress site, TimeProvider clock, IPortalAddresses addresses)
{
    /// <summary>The issue's mail, as readers will get it (published or not: for a test before publishing).</summary>
    public async Task<ComposedMail?> ComposeAsync(int issueId, CancellationToken ct)
    {
        var slug = await db.Issues.Where(i => i.Id == issueId).Select(i => i.Slug).SingleOrDefaultAsync(ct);
        if (slug is null)
        {
            return null;
        }

        var issue = await new GetIssue.Handler(db, markdown).Handle(new GetIssue.Query(slug, Preview: true), ct);
        if (issue is null)
        {
            return null;
        }

        var path = addresses.Page(new ItemRef(ItemKind.Issue, issue.Slug));
        var mail = new MailComposer(site, $"{issue.Series}: {issue.Title}")
            .Paragraph($"{issue.Series} · No. {issue.Number} · {issue.Period}")
            .Heading(issue.Title)
            .Button("Read the issue online", path);
        if (issue.Takeaways.Count > 0)
        {
            mail.Subheading("Key takeaways");
            foreach (var t in issue.Takeaways)
            {
                mail.Item(null, t.Title, t.ArticleSlug is null ? null : addresses.Page(new ItemRef(ItemKind.Article, t.ArticleSlug)), t.Summary);
            }
        }

        foreach (var section in issue.Sections.Where(s => s.Articles.Count > 0))
        {
            mail.Subheading(section.Title);
            foreach (var a in section.Articles)
            {
                mail.Item(a.Date, a.Title, addresses.Page(new ItemRef(ItemKind.Article, a.Slug)), a.Summary, "Read on →");
            }
        }

        return mail.Button("Read the issue online", path)
            .Footer("You get the newsletter because you subscribed to it on SesecPortal.",
                ("E-mail preferences", addresses.Preferences), ("Unsubscribe from the newsletter", MailComposer.UnsubscribePlaceholder))
            .Build();
    }

    /// <summary>
    /// Queues the issue to every confirmed subscriber, as part of the caller's transaction; once per issue (publishing it
    /// again after taking it offline sends nothing more). Returns the number queued.
    /// </summary>
    public async Task<int> QueueAsync(int issueId, CancellationToken ct)
    {
        if (await db.OutboxMessages.AnyAsync(m => m.IssueId == issueId && m.Kind == MailKind.Newsletter, ct)
            || !await db.NewsletterSubscriptions.AnyAsync(s => s.ConfirmedAt != null, ct))
        {
            return 0;
        }

        var mail = await ComposeAsync(issueId, ct) ?? throw new NotFoundException($"Issue {issueId}");
        var now = clock.GetUtcNow();
        var body = new MailBody { Html = mail.Html, Text = mail.Text, CreatedAt = now };
        db.MailBodies.Add(body);
        await db.SaveChangesAsync(ct);
        var subject = mail.Subject.Length <= 300 ? mail.Subject : mail.Subject[..300];
        var kind = nameof(MailKind.Newsletter);
        return await db.Database.ExecuteSqlAsync($"""
            INSERT INTO outbox_messages (kind, recipient, subject, body_id, unsubscribe_scope, issue_id, created_at, next_attempt_at, attempts)
            SELECT {kind}, s.email, {subject}, {body.Id}, 'newsletter:' || s.id, {issueId}, {now}, {now}, 0
            FROM newsletter_subscriptions s
            WHERE s.confirmed_at IS NOT NULL
            ORDER BY s.id
            """, ct);
    }
}
