using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Editorial;

/// <summary>Publishes every approved revision whose scheduled time has come (run by the scheduler every minute).</summary>
public static class PublishDueArticles
{
    public sealed record Command : ICommand<int>;

    public sealed class Handler(PortalDbContext db, ArticlePublisher publisher, TimeProvider clock) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var due = await db.ArticleRevisions
                .Where(r => r.State == RevisionState.Approved && r.ScheduledFor != null && r.ScheduledFor <= now)
                .OrderBy(r => r.ScheduledFor)
                .ToListAsync(cancellationToken);
            foreach (var revision in due)
            {
                await publisher.PublishAsync(revision.ArticleId, revision, cancellationToken);
            }

            if (due.Count > 0)
            {
                await db.SaveChangesAsync(cancellationToken);
            }

            return due.Count;
        }
    }
}
