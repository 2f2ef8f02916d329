using System.Threading.RateLimiting;

namespace SesecPortal.Search;

/// <summary>
/// Admission for searches: at most <see cref="Permits"/> run at once, up to <see cref="QueueLimit"/> more wait in a
/// first-come, first-served queue (a newcomer never overtakes one already waiting, unlike SemaphoreSlim, which as a gate
/// made tail latency worse here), and past that a search is refused at once with <see cref="SearchBusyException"/>.
/// A waiter whose request is cancelled leaves the queue. Built on System.Threading.RateLimiting's ConcurrencyLimiter
/// (oldest first), the limiter ASP.NET Core's own concurrency middleware uses.
/// </summary>
public sealed class SearchGate : IDisposable
{
    private readonly ConcurrencyLimiter limiter;

    public SearchGate(int permits, int queueLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permits, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(queueLimit);
        Permits = permits;
        QueueLimit = queueLimit;
        limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = permits,
            QueueLimit = queueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public int Permits { get; }

    public int QueueLimit { get; }

    /// <summary>Searches running now.</summary>
    public int Running => Permits - (int)(limiter.GetStatistics()?.CurrentAvailablePermits ?? Permits);

    /// <summary>Searches waiting now.</summary>
    public int Waiting => (int)(limiter.GetStatistics()?.CurrentQueuedCount ?? 0);

    /// <summary>Waits for a turn; dispose the result to give it back. Throws <see cref="SearchBusyException"/> when the queue is full.</summary>
    public async ValueTask<IDisposable> EnterAsync(CancellationToken cancellationToken = default)
    {
        var lease = await limiter.AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new SearchBusyException();
        }

        return lease;
    }

    public void Dispose() => limiter.Dispose();
}
