using System.Threading.Channels;
using Npgsql;

namespace SesecPortal.Web.Infrastructure;

/// <summary>
/// Holds one connection to the primary that <c>LISTEN</c>s for cache evictions sent by the other instances
/// (<see cref="OutputCacheEviction"/>), and evicts this instance's public pages when one arrives: once the read
/// connection has replayed the change, so that the next reader does not cache the old page again. Reconnects with
/// backoff when the connection drops, and evicts on every reconnection (notifications sent meanwhile are lost).
/// </summary>
internal sealed class PublicCacheListener(PortalDatabases databases, OutputCacheEviction eviction, DatabaseOutage outage, ILogger<PublicCacheListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private readonly Channel<(string Instance, string WalPosition)> received = Channel.CreateUnbounded<(string, string)>(new() { SingleReader = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var evicting = EvictAsync(stoppingToken);
        await ListenAsync(stoppingToken);
        received.Writer.TryComplete();
        await evicting;
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        var listening = new NpgsqlConnectionStringBuilder(databases.Primary)
        {
            // Its own physical connection, never pooled: a broken one must not go back to a pool. Keepalives notice a
            // silently dropped connection (a failed-over primary, a proxy's idle timeout) within half a minute.
            Pooling = false,
            KeepAlive = 15,
            ApplicationName = $"sesec-cache-listener {databases.InstanceId}",
        }.ConnectionString;
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var conn = new NpgsqlConnection(listening);
                conn.Notification += OnNotification;
                await conn.OpenAsync(ct);
                await using (var listen = new NpgsqlCommand($"LISTEN {OutputCacheEviction.Channel}", conn))
                {
                    await listen.ExecuteNonQueryAsync(ct);
                }

                logger.LogInformation("Listening for cache evictions on channel {Channel} as instance {InstanceId} (reconnected: {Reconnected})", OutputCacheEviction.Channel, databases.InstanceId, failures > 0);
                if (failures > 0)
                {
                    await eviction.EvictLocallyAsync(ct);
                }

                failures = 0;
                while (true)
                {
                    await conn.WaitAsync(ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                failures++;
                var backoff = TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(failures, 10))));
                if (DatabaseFailure.IsTransient(ex))
                {
                    // The database went away: the outage is logged once (DatabaseOutage); the retries only at Information.
                    outage.Report(ex, "the cache eviction listener");
                    logger.LogInformation("The cache eviction listener on channel {Channel} lost its connection ({Cause}, failure {Failures}); retrying in {BackoffSeconds} s",
                        OutputCacheEviction.Channel, DatabaseFailure.Describe(ex), failures, backoff.TotalSeconds);
                }
                else
                {
                    logger.LogWarning(ex, "The cache eviction listener on channel {Channel} lost its connection (failure {Failures}); retrying in {BackoffSeconds} s", OutputCacheEviction.Channel, failures, backoff.TotalSeconds);
                }
                try
                {
                    await Task.Delay(backoff, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        var parts = e.Payload.Split(' ', 2);
        if (parts[0] == databases.InstanceId)
        {
            return;   // this instance evicted already, in EvictAsync
        }

        received.Writer.TryWrite((parts[0], parts.Length > 1 ? parts[1] : ""));
    }

    private async Task EvictAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var (instance, walPosition) in received.Reader.ReadAllAsync(ct))
            {
                if (databases.HasReadConnection && walPosition.Length > 0)
                {
                    await eviction.WaitForReplayAsync(walPosition, instance, ct);
                }

                await eviction.EvictLocallyAsync(ct);
                logger.LogInformation("Evicted the cached public pages at the request of instance {SourceInstance} (this is {InstanceId})", instance, databases.InstanceId);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }
}
