using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Application.Features.Issues;

/// <summary>Takes an issue offline together with the articles in it, in one transaction; they can be published again.</summary>
public static class UnpublishIssue
{
    public sealed record Command(int Id) : ICommand<Unit>;

    public sealed class Handler(PortalDbContext db, ArticlePublisher publisher, EditorialRecorder recorder) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var issue = await db.Issues.SingleOrDefaultAsync(i => i.Id == command.Id, ct) ?? throw new NotFoundException($"Issue {command.Id}");
            if (issue.Status != PublicationStatus.Published)
            {
                throw new WorkflowException("This issue is not published.");
            }

            var articles = await db.Articles.Where(a => a.Section!.IssueId == issue.Id && a.Status == PublicationStatus.Published).ToListAsync(ct);
            foreach (var article in articles)
            {
                await ArticleRevisions.EnsureBaselineAsync(db, article, ct);
                await publisher.UnpublishAsync(article, ct);
            }

            issue.Status = PublicationStatus.Approved;
            recorder.Audit(ItemKind.Issue, issue.Id, issue.Title, "unpublished", $"{Counted.Of(articles.Count, "article")} taken offline with it");
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}
