using Microsoft.AspNetCore.Http;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.IntegrationTests.Platform;

public sealed class ClientAbortTests
{
    private static DefaultHttpContext Context(bool aborted)
    {
        var context = new DefaultHttpContext();
        if (aborted)
        {
            using var source = new CancellationTokenSource();
            source.Cancel();
            context.RequestAborted = source.Token;
        }

        return context;
    }

    [Fact]
    public async Task Work_cancelled_because_the_client_left_is_recorded_as_499_not_thrown()
    {
        var context = Context(aborted: true);

        await ClientAborts.InvokeAsync(context, c => throw new OperationCanceledException(c.RequestAborted));

        context.Response.StatusCode.ShouldBe(ClientAborts.ClientClosedRequest);
    }

    [Fact]
    public async Task A_cancellation_while_the_client_is_still_there_is_a_real_error_and_goes_on()
    {
        var context = Context(aborted: false);

        await Should.ThrowAsync<OperationCanceledException>(() => ClientAborts.InvokeAsync(context, _ => throw new OperationCanceledException()));
    }

    [Fact]
    public async Task Other_exceptions_go_on_to_the_exception_handler()
    {
        var context = Context(aborted: true);

        await Should.ThrowAsync<InvalidOperationException>(() => ClientAborts.InvokeAsync(context, _ => throw new InvalidOperationException("boom")));
    }
}
