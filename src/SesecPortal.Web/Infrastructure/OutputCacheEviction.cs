using Microsoft.AspNetCore.OutputCaching;
using SesecPortal.Application.Common;

namespace SesecPortal.Web.Infrastructure;

/// <summary>
/// Evicts this instance's cached public pages. The portal itself evicts through <see cref="PublicCacheFollower"/>, which
/// follows the change log; tests use <see cref="IPublicCache"/> to start from an empty cache.
/// </summary>
internal sealed class OutputCacheEviction(IOutputCacheStore store, PortalDatabases databases, ILogger<OutputCacheEviction> logger) : IPublicCache
{
    /// <summary>How long an eviction waits for the read connection to have replayed the change.</summary>
    public static readonly TimeSpan ReplayWait = TimeSpan.FromSeconds(3);

    public async Task EvictAsync(CancellationToken cancellationToken) => await EvictLocallyAsync(cancellationToken);

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
}
