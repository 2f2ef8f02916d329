using Mediator;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Web.Infrastructure;

/// <summary>
/// Publishes approved revisions whose scheduled time has come, checking every <c>Publishing:PollSeconds</c> (30 s);
/// <c>Publishing:Scheduler=false</c> turns it off (the tests publish with a fake clock instead).
/// With several instances each may run it: publishing is one transaction per batch and a revision already published
/// is no longer due, so a race costs a refused save (logged), never a double publication.
/// </summary>
internal sealed partial class ScheduledPublishing(IServiceScopeFactory scopes, IConfiguration configuration, DatabaseOutage outage, ILogger<ScheduledPublishing> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Read when the host runs (not when services are registered), so every configuration source is seen.
        if (!configuration.GetValue("Publishing:Scheduler", true))
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(configuration.GetValue("Publishing:PollSeconds", 30)));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var published = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new PublishDueArticles.Command(), stoppingToken);
                if (published > 0)
                {
                    LogPublished(published);
                }
            }
            catch (Exception ex) when (DatabaseFailure.IsTransient(ex))
            {
                // Logged once per outage; the next tick tries again.
                outage.Report(ex, "scheduled publishing");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Published {Count} scheduled article revisions")]
    private partial void LogPublished(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled publishing failed; it will be tried again")]
    private partial void LogFailed(Exception exception);
}
