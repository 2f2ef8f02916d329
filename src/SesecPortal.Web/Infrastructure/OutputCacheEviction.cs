using Microsoft.AspNetCore.OutputCaching;
using SesecPortal.Application.Common;

namespace SesecPortal.Web.Infrastructure;

/// <summary>Evicts every cached public page: what readers see changed, so the next request renders afresh.</summary>
internal sealed class OutputCacheEviction(IOutputCacheStore store, ILogger<OutputCacheEviction> logger) : IPublicCache
{
    public async Task EvictAsync(CancellationToken cancellationToken)
    {
        await store.EvictByTagAsync(CachePolicies.PublicTag, cancellationToken);
        logger.LogInformation("Evicted the cached public pages");
    }
}
