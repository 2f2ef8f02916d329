using Mediator;
using SesecPortal.Application.Features.Watchlists;

namespace SesecPortal.Web.Infrastructure;

/// <summary>
/// Queues watchlist alerts whose period has ended (<see cref="SendWatchlistAlerts"/>), every <c>Alerts:PollSeconds</c>
/// (60); <c>Alerts:Scheduler=false</c> turns it off (the tests run the command with a fake clock instead). Several
/// instances may run it at once: each watchlist's alert is taken under a row lock.
/// </summary>
internal sealed partial class AlertScheduler(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<AlertScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Alerts:Scheduler", true))
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(configuration.GetValue("Alerts:PollSeconds", 60.0)));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                int queued;
                do
                {
                    queued = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new SendWatchlistAlerts.Command(), stoppingToken);
                    if (queued > 0)
                    {
                        LogQueued(queued);
                    }
                }
                while (queued >= SendWatchlistAlerts.BatchSize);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued {Count} watchlist alerts")]
    private partial void LogQueued(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Watchlist alerts failed; they will be tried again")]
    private partial void LogFailed(Exception exception);
}
