using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;

namespace SesecPortal.Application.Features.Editorial;

/// <summary>Takes a published article offline; it can be published again.</summary>
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
