using SesecPortal.Application.Data;
using SesecPortal.Application.Features.Mail;

namespace SesecPortal.Web.Infrastructure;

/// <summary>
/// Sends the outbox: claims due messages (<see cref="Outbox.ClaimAsync"/>, one instance per message), sends them, and
/// marks each sent, or failed for another attempt after the backoff. Polls every <c>Email:Outbox:PollSeconds</c> (5)
/// and straight away again while there is more; <c>Email:Outbox:Worker=false</c> turns it off on an instance.
/// </summary>
internal sealed partial class MailWorker(IServiceScopeFactory scopes, MailDelivery delivery, OutboxOptions options, IConfiguration configuration, TimeProvider clock, ILogger<MailWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Email:Outbox:Worker", true))
        {
            return;
        }

        var poll = TimeSpan.FromSeconds(configuration.GetValue("Email:Outbox:PollSeconds", 5.0));
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                handled = await SendDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex);
            }

            if (handled < options.BatchSize)
            {
                // Real time between polls, whatever clock the portal's timestamps come from.
                await Task.Delay(poll, TimeProvider.System, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>One round: claim a batch, send it, record each outcome. Returns how many were claimed.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var claimed = await Outbox.ClaimAsync(db, options, clock.GetUtcNow(), ct);
        if (claimed.Count == 0)
        {
            return 0;
        }

        foreach (var result in await delivery.SendAsync(claimed, ct))
        {
            if (result.Error is null)
            {
                await Outbox.MarkSentAsync(db, result.Mail.Id, clock.GetUtcNow(), ct);
            }
            else
            {
                await Outbox.MarkFailedAsync(db, options, result.Mail, result.Error, result.Permanent, clock.GetUtcNow(), ct);
                LogAttemptFailed(result.Mail.Id, result.Mail.Attempts, result.Error);
            }
        }

        return claimed.Count;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending the outbox failed; it will be tried again")]
    private partial void LogFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {Id} not sent (attempt {Attempts}): {Error}")]
    private partial void LogAttemptFailed(long id, int attempts, string error);
}
