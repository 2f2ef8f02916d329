using Microsoft.AspNetCore.OutputCaching;
using Npgsql;
using SesecPortal.Application.Common;

namespace SesecPortal.Web.Infrastructure;

/// <summary>
/// Evicts every cached public page: what readers see changed, so the next request renders afresh. On this instance
/// directly, and on every other instance through PostgreSQL <c>NOTIFY</c> (see <see cref="PublicCacheListener"/>).
/// </summary>
internal sealed class OutputCacheEviction(IOutputCacheStore store, PortalDatabases databases, ILogger<OutputCacheEviction> logger) : IPublicCache
{
    /// <summary>The channel, and how long an eviction waits for the read connection to have replayed the change.</summary>
    public const string Channel = "sesec_public_cache";
    public static readonly TimeSpan ReplayWait = TimeSpan.FromSeconds(3);

    public async Task EvictAsync(CancellationToken cancellationToken)
    {
        var walPosition = await NotifyOtherInstancesAsync(cancellationToken);
        if (walPosition is not null && databases.HasReadConnection)
        {
            // Evicting before the standby has the change would let the next reader cache the old page again.
            await WaitForReplayAsync(walPosition, "this instance", cancellationToken);
        }

        await EvictLocallyAsync(cancellationToken);
        logger.LogInformation("Evicted the cached public pages and told the other instances (instance {InstanceId})", databases.InstanceId);
    }

    public ValueTask EvictLocallyAsync(CancellationToken ct) => store.EvictByTagAsync(CachePolicies.PublicTag, ct);

    public async Task WaitForReplayAsync(string walPosition, string requestedBy, CancellationToken ct)
    {
        var waited = await databases.WaitForReadConnectionAsync(walPosition, ReplayWait, ct);
        if (waited is null)
        {
            logger.LogWarning(
                "The read connection had not replayed {WalPosition} after {Timeout}; evicting anyway for {RequestedBy}", walPosition, ReplayWait, requestedBy);
        }
        else
        {
            logger.LogDebug("The read connection replayed {WalPosition} in {WaitMs} ms", walPosition, waited.Value.TotalMilliseconds);
        }
    }

    /// <summary>Sends <c>NOTIFY</c> with this instance's id and the primary's WAL position; returns the position, or null when the primary did not answer.</summary>
    private async Task<string?> NotifyOtherInstancesAsync(CancellationToken ct)
    {
        try
        {
            await using var conn = new NpgsqlConnection(databases.Primary);
            await conn.OpenAsync(ct);
            await using var position = new NpgsqlCommand("SELECT pg_current_wal_lsn()::text", conn);
            var walPosition = (string)(await position.ExecuteScalarAsync(ct))!;
            await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", conn);
            notify.Parameters.AddWithValue("channel", Channel);
            notify.Parameters.AddWithValue("payload", $"{databases.InstanceId} {walPosition}");
            await notify.ExecuteNonQueryAsync(ct);
            return walPosition;
        }
        catch (NpgsqlException ex)
        {
            // The change is committed: failing the editor's request would not undo it. Other instances catch up when their
            // listener reconnects (it evicts on every reconnection) or when their cache entries expire.
            logger.LogError(ex, "Could not notify the other instances of a cache eviction on channel {Channel}", Channel);
            return null;
        }
    }
}
