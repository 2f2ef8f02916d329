using Npgsql;

namespace SesecPortal.Web.Infrastructure;

/// <summary>
/// Holds one connection to the primary that <c>LISTEN</c>s on <see cref="Channel"/>, which a trigger on the change log
/// notifies when a transaction that wrote to it commits, and wakes the <see cref="ChangeFeed"/>. Reconnects with
/// backoff when the connection drops, and wakes the feed on every reconnection (notifications sent meanwhile are lost;
/// the feed's periodic poll catches them too).
/// </summary>
internal sealed class ChangeNotificationListener(PortalDatabases databases, ChangeFeed feed, DatabaseOutage outage, ILogger<ChangeNotificationListener> logger)
    : BackgroundService
{
    /// <summary>The channel the change log's trigger notifies (migration <c>ChangeLog</c>).</summary>
    public const string Channel = "sesec_changes";

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var listening = new NpgsqlConnectionStringBuilder(databases.Primary)
        {
            // Its own physical connection, never pooled: a broken one must not go back to a pool. Keepalives notice a
            // silently dropped connection (a failed-over primary, a proxy's idle timeout) within half a minute.
            Pooling = false,
            KeepAlive = 15,
            ApplicationName = $"sesec-change-listener {databases.InstanceId}",
        }.ConnectionString;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var conn = new NpgsqlConnection(listening);
                conn.Notification += (_, _) => feed.Wake();
                await conn.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", conn))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                logger.LogInformation("Listening for changes on channel {Channel} as instance {InstanceId} (reconnected: {Reconnected})", Channel, databases.InstanceId, failures > 0);
                feed.Wake();
                failures = 0;
                while (true)
                {
                    await conn.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                failures++;
                try
                {
                    await Task.Delay(Lost(ex, failures), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Reports a lost connection (the first of a run as a warning, unless the database is known to be down) and says how long to wait.</summary>
    private TimeSpan Lost(Exception ex, int failures)
    {
        var backoff = TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(failures, 10))));
        if (DatabaseFailure.IsTransient(ex))
        {
            // The outage is logged once (DatabaseOutage); each retry only at Information.
            outage.Report(ex, "the change listener");
            logger.LogInformation("The change listener on channel {Channel} lost its connection ({Cause}, failure {Failures}); retrying in {BackoffSeconds} s",
                Channel, DatabaseFailure.Describe(ex), failures, backoff.TotalSeconds);
        }
        else if (failures == 1)
        {
            logger.LogWarning(ex, "The change listener on channel {Channel} lost its connection; retrying with backoff", Channel);
        }

        return backoff;
    }
}
