using System.Threading.RateLimiting;

namespace SesecPortal.Web.Infrastructure;

/// <summary>
/// A fixed-window limiter (so many permits per window, per partition) whose refusals carry the real time left in the
/// window as <see cref="MetadataName.RetryAfter"/>. The framework's <see cref="FixedWindowRateLimiter"/> reports the whole
/// window instead, whatever is left of it (dotnet/runtime#92557, fixed only after .NET 10), so <c>Retry-After</c> always
/// said 60. It reads a <see cref="TimeProvider"/>, so tests move the clock instead of waiting. No queue: a request over
/// the limit is refused at once.
/// </summary>
internal sealed class WindowRateLimiter(int permitLimit, TimeSpan window, TimeProvider clock) : RateLimiter
{
    private static readonly RateLimitLease Granted = new Lease(true, null);

    private readonly Lock gate = new();
    private long windowStarted = clock.GetTimestamp();
    private long? idleSince = clock.GetTimestamp();
    private int used;
    private long refused;
    private long granted;

    /// <summary>A partitioned policy's limiter: <paramref name="permitLimit"/> requests per <paramref name="window"/> per key.</summary>
    public static RateLimitPartition<TKey> Partition<TKey>(TKey key, int permitLimit, TimeSpan window, TimeProvider clock) =>
        RateLimitPartition.Get(key, _ => new WindowRateLimiter(permitLimit, window, clock));

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (gate)
            {
                Roll();
                return idleSince is { } since ? clock.GetElapsedTime(since) : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (gate)
        {
            Roll();
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = permitLimit - used,
                CurrentQueuedCount = 0,
                TotalFailedLeases = refused,
                TotalSuccessfulLeases = granted,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, permitLimit);
        lock (gate)
        {
            Roll();
            if (permitCount == 0)
            {
                return used < permitLimit ? Granted : Refuse();
            }

            if (used + permitCount <= permitLimit)
            {
                used += permitCount;
                idleSince = null;
                granted++;
                return Granted;
            }

            return Refuse();
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    /// <summary>Starts a new window when the current one has passed (windows follow each other from the first).</summary>
    private void Roll()
    {
        var elapsed = clock.GetElapsedTime(windowStarted);
        if (elapsed < window)
        {
            return;
        }

        // Idle from the end of the last window that had requests; windows follow each other from the first.
        idleSince ??= windowStarted + Timestamp(window);
        windowStarted += Timestamp(TimeSpan.FromTicks(elapsed.Ticks / window.Ticks * window.Ticks));
        used = 0;
    }

    private long Timestamp(TimeSpan span) => (long)(span.Ticks * (clock.TimestampFrequency / (double)TimeSpan.TicksPerSecond));

    private Lease Refuse()
    {
        refused++;
        var left = window - clock.GetElapsedTime(windowStarted);
        return new Lease(false, left > TimeSpan.Zero ? left : TimeSpan.Zero);
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired { get; } = acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = wait;
                return true;
            }

            metadata = null;
            return false;
        }
    }

    /// <summary><c>Retry-After</c> in whole seconds from a refused lease: at least 1, rounded up.</summary>
    public static int RetryAfterSeconds(RateLimitLease lease, TimeSpan fallback) =>
        Math.Max(1, (int)Math.Ceiling((lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : fallback).TotalSeconds));
}
