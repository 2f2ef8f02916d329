using SesecPortal.Application.Domain;
using SesecPortal.Search;

namespace SesecPortal.Application.Features.Search;

/// <summary>
/// This instance's Lucene index (one per instance, in a folder of its own: <c>Search:IndexPath</c>), opened on first use
/// and closed with the portal. <see cref="SearchIndexFollower"/> writes it; <see cref="SearchPortal"/> and the standards
/// finder read it through <see cref="SearchAsync(SearchRequest, CancellationToken)"/>, in turn at <see cref="Gate"/>, a first-come-first-served queue of bounded length. Each searcher may hold
/// <c>Search:ClauseCacheMB</c> of clause bitmaps and block bounds (<see cref="SearchIndexOptions.ClauseCacheMB"/>).
/// </summary>
public sealed class PortalSearchIndex(string path, SearchGate gate, int clauseCacheMB = 64) : IDisposable
{
    /// <summary>Opening and closing take turns: an index opened as the portal stops would keep the folder's lock.</summary>
    private readonly Lock sync = new();
    private SearchIndex? opened;
    private bool disposed;

    /// <summary>A standard's status is read on the day of the search (published → in force on its effective date, withdrawn or superseded from theirs).</summary>
    public static readonly SearchIndexOptions Options = new()
    {
        CurrentStatus = (facts, today) =>
            facts.Kind == "standard" && Enum.TryParse<StandardStatus>(facts.Status, out var stored)
                ? StandardLifecycle.CurrentStatus(stored, facts.EffectiveOn, facts.WithdrawnOn, facts.SupersededOn, today).ToString()
                : facts.Status,
        // What is in force is what readers must apply: among matches as good, it comes first; what was replaced or
        // withdrawn comes after what replaced it.
        StatusWeights = new Dictionary<string, float>(StringComparer.Ordinal)
        {
            [nameof(StandardStatus.InForce)] = 1.3f,
            [nameof(StandardStatus.Superseded)] = 0.75f,
            [nameof(StandardStatus.Withdrawn)] = 0.75f,
        },
    };

    public string Path => path;

    public SearchIndex Index
    {
        get
        {
            if (Volatile.Read(ref opened) is { } open)
            {
                return open;
            }

            lock (sync)
            {
                ObjectDisposedException.ThrowIf(disposed, this);
                return opened ??= SearchIndex.Open(path, Options with { ClauseCacheMB = clauseCacheMB });
            }
        }
    }

    public SearchGate Gate => gate;

    /// <summary>One search, in its turn at the <see cref="Gate"/>. Throws <see cref="SearchNotReadyException"/> before the index was first built.</summary>
    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken ct)
    {
        using var turn = await gate.EnterAsync(ct);
        return Built.Search(request);
    }

    /// <summary>Several searches in one turn at the <see cref="Gate"/>, in order.</summary>
    public async Task<IReadOnlyList<SearchResults>> SearchAsync(IEnumerable<SearchRequest> requests, CancellationToken ct)
    {
        using var turn = await gate.EnterAsync(ct);
        var index = Built;
        return [.. requests.Select(index.Search)];
    }

    /// <summary>The index, once it has been built from the database (it has a position); an old index answers while it is rebuilt.</summary>
    private SearchIndex Built => Index is { Position: not null } index ? index : throw new SearchNotReadyException();

    public void Dispose()
    {
        lock (sync)
        {
            disposed = true;
            opened?.Dispose();
            gate.Dispose();
        }
    }
}
