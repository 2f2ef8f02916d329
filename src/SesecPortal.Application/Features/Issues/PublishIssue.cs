using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.Newsletter;

namespace SesecPortal.Application.Features.Issues;

/// <summary>
/// Publishes an issue and every article in it in one transaction (the pipeline's): the issue page and its articles go live together,
/// or, if anything fails half-way, nothing does. Every article must be approved (or already online) first.
/// </summary>
public static class PublishIssue
{
    public sealed record Command(int Id, uint Version) : ICommand<Unit>;

    public sealed class Handler(PortalDbContext db, ArticlePublisher publisher, EditorialRecorder recorder, IssueNewsletter newsletter) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var issue = await db.Issues.SingleOrDefaultAsync(i => i.Id == command.Id, ct) ?? throw new NotFoundException($"Issue {command.Id}");
            if (issue.Version != command.Version)
            {
                throw new WorkflowException("The issue changed since you opened it: look at it again before publishing.");
            }

            if (issue.Status == PublicationStatus.Published)
            {
                throw new WorkflowException("This issue is already published.");
            }

            var articles = await db.Articles.Where(a => a.Section!.IssueId == issue.Id)
                .Select(a => new
                {
                    a.Id, a.Title, a.Status,
                    Open = a.Revisions.Where(r => r.State == RevisionState.Draft || r.State == RevisionState.InReview || r.State == RevisionState.Approved)
                        .OrderByDescending(r => r.Number).FirstOrDefault(),
                })
                .ToListAsync(ct);
            if (articles.Count == 0)
            {
                throw new WorkflowException("The issue has no articles yet.");
            }

            var notReady = articles.Where(a => a.Status != PublicationStatus.Published && a.Open?.State != RevisionState.Approved).Select(a => $"“{a.Title}”").ToList();
            if (notReady.Count > 0)
            {
                throw new WorkflowException($"Not approved yet: {string.Join(", ", notReady)}. Approve them, or remove them from the issue.");
            }

            foreach (var a in articles.Where(a => a.Open?.State == RevisionState.Approved))
            {
                await publisher.PublishAsync(a.Id, a.Open!, ct);
                // One statement per article: a failure on any of them rolls back the whole issue.
                await db.SaveChangesAsync(ct);
            }

            issue.Status = PublicationStatus.Published;
            issue.PublishedOn ??= DateOnly.FromDateTime(recorder.Now.UtcDateTime);
            recorder.Audit(ItemKind.Issue, issue.Id, issue.Title, "published", Counted.Of(articles.Count, "article"));
            // The newsletter goes to the subscribers with the issue, or not at all: queued in this transaction.
            await newsletter.QueueAsync(issue.Id, ct);
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}
