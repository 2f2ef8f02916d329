using Npgsql;
using SesecPortal.Application.Changes;

namespace SesecPortal.Web.Infrastructure;

/// <summary>
/// Evicts this instance's cached public pages when the change log names anything readers see. Each instance follows the
/// log itself (from the position it had when it started: its cache was empty then), so a change made on any instance
/// evicts every instance's pages. With a read connection it first waits until the standby has replayed the change, so
/// the next reader does not cache the old page again.
/// </summary>
internal sealed class PublicCacheFollower(PortalDatabases databases, OutputCacheEviction eviction, ILogger<PublicCacheFollower> logger) : IChangeFollower
{
    private const int BatchSize = 5000;
    private bool started;

    public string Name => "public-cache";

    public ChangePosition Position { get; private set; }

    public async Task<bool> CatchUpAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(databases.Primary);
        await connection.OpenAsync(ct);
        if (!started)
        {
            Position = await ChangeLogReader.HorizonAsync(connection, ct);
            started = true;
            return false;
        }

        var batch = await ChangeLogReader.ReadAsync(connection, Position, BatchSize, ct);
        if (batch.Entries.Count > 0)
        {
            if (databases.HasReadConnection)
            {
                await eviction.WaitForReplayAsync(await databases.PrimaryWalPositionAsync(ct), Name, ct);
            }

            await eviction.EvictLocallyAsync(ct);
            logger.LogInformation("Evicted the cached public pages: {Count} changes up to {Position} (instance {InstanceId})",
                batch.Entries.Count, batch.Next, databases.InstanceId);
        }

        Position = batch.Next;
        return batch.More;
    }
}
