using SesecPortal.Search;

namespace SesecPortal.UnitTests.Search;

public sealed class SearchGateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Waits for a condition the gate reports (never for the clock).</summary>
    private static async Task Until(Func<bool> condition)
    {
        while (!condition())
        {
            Ct.ThrowIfCancellationRequested();
            await Task.Yield();
        }
    }

    [Fact]
    public async Task Searches_up_to_the_permits_enter_at_once()
    {
        using var gate = new SearchGate(2, 10);

        using var first = await gate.EnterAsync(Ct);
        using var second = await gate.EnterAsync(Ct);

        gate.Running.ShouldBe(2);
        gate.Waiting.ShouldBe(0);
    }

    [Fact]
    public async Task Waiting_searches_enter_in_the_order_they_came()
    {
        using var gate = new SearchGate(1, 100);
        var held = await gate.EnterAsync(Ct);
        var order = new List<int>();
        var waiters = new List<Task>();
        for (var i = 0; i < 20; i++)
        {
            var n = i;
            waiters.Add(Task.Run(async () =>
            {
                using var slot = await gate.EnterAsync(Ct);
                lock (order)
                {
                    order.Add(n);
                }
            }, Ct));

            // The next one comes after this one is queued.
            await Until(() => gate.Waiting == n + 1);
        }

        held.Dispose();
        await Task.WhenAll(waiters);

        order.ShouldBe(Enumerable.Range(0, 20));
    }

    [Fact]
    public async Task A_newcomer_never_overtakes_a_waiting_search()
    {
        using var gate = new SearchGate(1, 10);
        var held = await gate.EnterAsync(Ct);
        var waiting = gate.EnterAsync(Ct).AsTask();
        await Until(() => gate.Waiting == 1);

        held.Dispose();
        var newcomer = gate.EnterAsync(Ct).AsTask();
        using var first = await waiting;

        newcomer.IsCompleted.ShouldBeFalse();
        gate.Waiting.ShouldBe(1);
        first.Dispose();
        using var second = await newcomer;
    }

    [Fact]
    public async Task Past_the_queue_a_search_is_refused_at_once()
    {
        using var gate = new SearchGate(1, 2);
        using var held = await gate.EnterAsync(Ct);
        var queued = new[] { gate.EnterAsync(Ct).AsTask(), gate.EnterAsync(Ct).AsTask() };
        await Until(() => gate.Waiting == 2);

        await Should.ThrowAsync<SearchBusyException>(async () => await gate.EnterAsync(Ct));

        gate.Waiting.ShouldBe(2);
        held.Dispose();
        foreach (var slot in queued)
        {
            (await slot).Dispose();
        }
    }

    [Fact]
    public async Task A_cancelled_search_leaves_the_queue_and_the_next_one_enters()
    {
        using var gate = new SearchGate(1, 10);
        var held = await gate.EnterAsync(Ct);
        using var cancel = new CancellationTokenSource();
        var cancelled = gate.EnterAsync(cancel.Token).AsTask();
        var next = gate.EnterAsync(Ct).AsTask();
        await Until(() => gate.Waiting == 2);

        await cancel.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(cancelled);
        gate.Waiting.ShouldBe(1);

        held.Dispose();
        using var entered = await next;
        gate.Running.ShouldBe(1);
    }

    [Fact]
    public async Task A_slot_given_back_twice_counts_once()
    {
        using var gate = new SearchGate(1, 10);
        var slot = await gate.EnterAsync(Ct);
        slot.Dispose();
        slot.Dispose();

        using var again = await gate.EnterAsync(Ct);
        gate.Running.ShouldBe(1);
        var waiting = gate.EnterAsync(Ct).AsTask();
        await Until(() => gate.Waiting == 1);
        waiting.IsCompleted.ShouldBeFalse();
        again.Dispose();
        (await waiting).Dispose();
    }

    [Fact]
    public void A_gate_needs_at_least_one_permit()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new SearchGate(0, 1));
    }
}
