using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;

namespace SesecPortal.Application.Common.Behaviors;

/// <summary>Logs each message's name and duration as structured properties; slow ones at warning level.</summary>
public sealed class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly TimeSpan Slow = TimeSpan.FromMilliseconds(500);

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await next(message, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var name = typeof(TMessage).FullName;
        if (elapsed > Slow)
        {
            logger.LogWarning("Handled {Message} slowly in {ElapsedMs:0.0} ms", name, elapsed.TotalMilliseconds);
        }
        else
        {
            logger.LogDebug("Handled {Message} in {ElapsedMs:0.0} ms", name, elapsed.TotalMilliseconds);
        }

        return response;
    }
}
