namespace SesecPortal.Application.Common;

/// <summary>
/// The cache of public pages. Whatever changes what readers see (publishing, unpublishing, editing reference data)
/// evicts it once the change is committed, so published means visible now.
/// </summary>
public interface IPublicCache
{
    Task EvictAsync(CancellationToken cancellationToken);
}
