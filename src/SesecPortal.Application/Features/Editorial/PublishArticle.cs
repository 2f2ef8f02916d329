using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Editorial;

/// <summary>Publishes an article's approved revision now (whatever its schedule), or takes a published article offline.</summary>
public static class PublishArticle
{
    public sealed record Command(int ArticleId, int RevisionId, uint Version) : ICommand<Unit>;

    public sealed class Handler(PortalDbContext db, ArticlePublisher publisher) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var revision = await ArticleRevisions.ExpectForActionAsync(db, command.ArticleId, command.RevisionId, command.Version, cancellationToken);
            await publisher.PublishAsync(command.ArticleId, revision, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

public static class UnpublishArticle
{
    public sealed record Command(int ArticleId) : ICommand<Unit>;

    public sealed class Handler(PortalDbContext db, ArticlePublisher publisher) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var article = await db.Articles.SingleOrDefaultAsync(a => a.Id == command.ArticleId, cancellationToken)
                ?? throw new NotFoundException($"Article {command.ArticleId}");
            await ArticleRevisions.EnsureBaselineAsync(db, article, cancellationToken);
            await publisher.UnpublishAsync(article, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

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
