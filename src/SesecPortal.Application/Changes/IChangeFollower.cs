namespace SesecPortal.Application.Changes;

/// <summary>
/// Something downstream of the change log (the search index, the cached pages, alerts): it reads the log from a position
/// of its own and applies what it finds, so it survives a crash or a missed notification. One instance of each per
/// portal instance; the change feed (a hosted service) wakes them when the log grows.
/// </summary>
public interface IChangeFollower
{
    string Name { get; }

    /// <summary>How far it has applied the log, as last known on this instance.</summary>
    ChangePosition Position { get; }

    /// <summary>Reads what is new from its position and applies it; returns whether there is more to read.</summary>
    Task<bool> CatchUpAsync(CancellationToken ct);
}

/// <summary>The followers of this instance, as the application layer sees them.</summary>
public interface IChangeFeed
{
    /// <summary>
    /// Waits (within a bound) until every follower of this instance has applied the changes of the given transaction, so
    /// that the request after a command (the editor's next page, a search) sees what it changed.
    /// </summary>
    /// <param name="transactionId">The transaction whose changes must be applied.</param>
    /// <param name="limit">How long to wait at most; null: the configured bound for one command (seconds).</param>
    /// <param name="ct">Cancels the wait, not the followers.</param>
    Task WaitPastAsync(long transactionId, TimeSpan? limit, CancellationToken ct);

    /// <summary>Waits (within the bound for batched commands) until every follower has applied everything committed so far.</summary>
    Task CatchUpAsync(CancellationToken ct);
}
