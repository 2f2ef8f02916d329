using SesecPortal.Application.Domain;
using SesecPortal.Search;

namespace SesecPortal.Application.Features.Search;

/// <summary>
/// This instance's Lucene index (one per instance, in a folder of its own: <c>Search:IndexPath</c>), opened on first use
/// and closed with the portal. <see cref="SearchIndexFollower"/> writes it; <see cref="SearchPortal"/> and the standards
/// finder read it through <see cref="Gate"/>, a first-come-first-served queue of bounded length.
/// </summary>
public sealed class PortalSearchIndex(string path, SearchGate gate) : IDisposable
{
    private readonly Lazy<SearchIndex> index = new(() => SearchIndex.Open(path, Options), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A standard's status is read on the day of the search (published → in force on its effective date).</summary>
    public static readonly SearchIndexOptions Options = new()
    {
        CurrentStatus = (kind, status, effectiveOn, today) =>
            kind == "standard" && Enum.TryParse<StandardStatus>(status, out var stored)
                ? StandardLifecycle.CurrentStatus(stored, effectiveOn, null, today).ToString()
                : status,
    };

    public string Path => path;

    public SearchIndex Index => index.Value;

    public SearchGate Gate => gate;

    public void Dispose()
    {
        if (index.IsValueCreated)
        {
            index.Value.Dispose();
        }
    }
}
