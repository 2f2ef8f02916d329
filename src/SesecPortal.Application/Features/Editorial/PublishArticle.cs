using Mediator;
using SesecPortal.Application.Data;

namespace SesecPortal.Application.Features.Editorial;

/// <summary>Publishes an article's approved revision now, whatever its schedule.</summary>
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
