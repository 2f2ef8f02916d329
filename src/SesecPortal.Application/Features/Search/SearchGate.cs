namespace SesecPortal.Application.Features.Search;

/// <summary>
/// At most so many searches run at once (configuration <c>Search:Concurrency</c>; by default twice the processor count);
/// the others wait their turn, and stop waiting when their client goes away. A search is CPU work for both the portal and
/// PostgreSQL: on a small machine, 32 searches at once take no less time in all than a few at a time, but they hold 32
/// sets of matches in memory and make every other page wait for the processor.
/// </summary>
public sealed class SearchGate(int permits) : IDisposable
{
    private readonly SemaphoreSlim slots = new(Math.Max(1, permits), Math.Max(1, permits));

    public int Permits { get; } = Math.Max(1, permits);

    /// <summary>Searches running now.</summary>
    public int Running => Permits - slots.CurrentCount;

    /// <summary>Waits for a slot; dispose the result to give it back.</summary>
    public async ValueTask<IDisposable> EnterAsync(CancellationToken ct)
    {
        await slots.WaitAsync(ct);
        return new Slot(slots);
    }

    public void Dispose() => slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
