namespace SesecPortal.Application.Features.OpenData;

/// <summary>How many items an import added and updated, by type.</summary>
public sealed class ImportTally
{
    public Dictionary<string, int> Added { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> Updated { get; } = new(StringComparer.Ordinal);

    /// <summary>Lines identical to what the portal holds: nothing written.</summary>
    public Dictionary<string, int> Unchanged { get; } = new(StringComparer.Ordinal);

    public void CountUnchanged(string type) => Unchanged[type] = Unchanged.GetValueOrDefault(type) + 1;

    public void Count(string type, bool inserted)
    {
        var counts = inserted ? Added : Updated;
        counts[type] = counts.GetValueOrDefault(type) + 1;
    }

    public void Add(ImportTally other)
    {
        foreach (var (k, v) in other.Added)
        {
            Added[k] = Added.GetValueOrDefault(k) + v;
        }

        foreach (var (k, v) in other.Updated)
        {
            Updated[k] = Updated.GetValueOrDefault(k) + v;
        }

        foreach (var (k, v) in other.Unchanged)
        {
            Unchanged[k] = Unchanged.GetValueOrDefault(k) + v;
        }
    }

    public int Total => Added.Values.Sum() + Updated.Values.Sum();
}
