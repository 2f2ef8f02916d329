using Mediator;
using SesecPortal.Application.Changes;
using SesecPortal.Application.Data;

namespace SesecPortal.Application.Common.Behaviors;

/// <summary>
/// One command, one transaction: the pipeline opens it, the handler changes the model, and the change log rows written by
/// <see cref="ChangeCapture"/> commit with the change or not at all. Afterwards it waits until this instance's
/// followers (search index, cached pages) have applied the change, so the next request sees it. Queries pass through;
/// a command that writes in batches of its own (an import) says so with <see cref="IBatchedCommand"/>.
/// </summary>
public sealed class TransactionBehavior<TMessage, TResponse>(PortalDbContext db, IChangeFeed feed) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not IBaseCommand)
        {
            return await next(message, cancellationToken);
        }

        var before = db.LastChangeTransactionId;
        TResponse response;
        if (message is IBatchedCommand || db.Database.CurrentTransaction is not null)
        {
            response = await next(message, cancellationToken);
        }
        else
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            response = await next(message, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (db.LastChangeTransactionId != before && db.Database.CurrentTransaction is null)
        {
            // A batched command (an import) reports when its last item became searchable: it waits as long as that takes.
            await feed.WaitPastAsync(db.LastChangeTransactionId, message is IBatchedCommand ? TimeSpan.FromHours(1) : null, cancellationToken);
        }

        return response;
    }
}

/// <summary>A command that commits in batches of its own (a bulk import), outside the pipeline's one transaction.</summary>
public interface IBatchedCommand;
