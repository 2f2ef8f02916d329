using SesecPortal.Application.Features.Search;

namespace SesecPortal.UnitTests;

public sealed class SearchGateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_search_past_the_limit_waits_until_one_finishes()
    {
        using var gate = new SearchGate(2);
        var first = await gate.EnterAsync(Ct);
        using var second = await gate.EnterAsync(Ct);

        var third = gate.EnterAsync(Ct).AsTask();
        await Task.Delay(50, Ct);
        third.IsCompleted.ShouldBeFalse();
        gate.Running.ShouldBe(2);

        first.Dispose();
        using var entered = await third.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        gate.Running.ShouldBe(2);
    }

    [Fact]
    public async Task A_waiting_search_gives_up_when_its_client_does_and_a_slot_is_given_back_once()
    {
        using var gate = new SearchGate(1);
        var held = await gate.EnterAsync(Ct);
        using var abandoned = new CancellationTokenSource();

        var waiting = gate.EnterAsync(abandoned.Token).AsTask();
        await abandoned.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => waiting);
        held.Dispose();
        held.Dispose();
        gate.Running.ShouldBe(0);
        using var next = await gate.EnterAsync(Ct);
        gate.Running.ShouldBe(1);
    }

    [Fact]
    public void A_limit_below_one_means_one()
    {
        using var gate = new SearchGate(0);

        gate.Permits.ShouldBe(1);
    }
}
