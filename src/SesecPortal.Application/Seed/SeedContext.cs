using System.Globalization;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Seed;

/// <summary>
/// The seed one load reads, and the checks of its values: each check collects its problem and goes on, so that one failed load
/// names every problem of the seed (<see cref="ThrowIfProblems"/>).
/// </summary>
internal sealed class SeedContext(SeedDocument seed)
{
    private readonly List<string> problems = [];

    public SeedDocument Seed { get; } = seed;

    public void Problem(string message) => problems.Add(message);

    public T Enum<T>(string value, string where) where T : struct, System.Enum
    {
        if (System.Enum.TryParse<T>(value, ignoreCase: false, out var result) && System.Enum.IsDefined(result))
        {
            return result;
        }

        Problem($"{where}: '{value}' is not a {typeof(T).Name}.");
        return default;
    }

    public DateOnly? Date(string? value, string where)
    {
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Problem($"{where}: '{value}' is not a date (yyyy-MM-dd).");
        return null;
    }

    public PartialDate? PartialDate(string? value, string where)
    {
        if (value is null)
        {
            return null;
        }

        if (Domain.PartialDate.TryParse(value, out var date))
        {
            return date;
        }

        Problem($"{where}: '{value}' is not a date (yyyy-MM-dd or yyyy-MM).");
        return null;
    }

    public string? Url(string? value, string where)
    {
        if (value is null)
        {
            return null;
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && !value.Contains("wp-admin", StringComparison.OrdinalIgnoreCase))
        {
            return value;
        }

        Problem($"{where}: '{value}' is not a public http(s) address.");
        return null;
    }

    public T? Find<T>(Dictionary<string, T> items, string? slug, string where) where T : class
    {
        if (slug is not null && items.TryGetValue(slug, out var item))
        {
            return item;
        }

        Problem($"{where}: '{slug}' is not in the seed.");
        return null;
    }

    /// <summary>The items named, leaving out (and reporting) any that are not in the seed.</summary>
    public List<T> FindAll<T>(Dictionary<string, T> items, IEnumerable<string> slugs, string where) where T : class =>
        [.. slugs.Select(s => Find(items, s, where)).OfType<T>()];

    public Standard? FindStandard(Dictionary<string, Standard> items, string codeOrSlug, string where)
    {
        if (items.TryGetValue(StandardCode.KeyOf(codeOrSlug), out var s) || items.TryGetValue(codeOrSlug, out s))
        {
            return s;
        }

        Problem($"{where}: standard '{codeOrSlug}' is not in the seed.");
        return null;
    }

    /// <summary>The item a relation end names: exactly one of policy, standard, working group or organisation.</summary>
    public (ItemKind Kind, object Item)? Item(SeedItemReference reference, SeedRecords records, string where)
    {
        var named = new[] { reference.Policy, reference.Standard, reference.WorkingGroup, reference.Organisation }.Count(x => x is not null);
        if (named != 1)
        {
            Problem($"{where}: name exactly one of policy, standard, workingGroup or organisation ({named} given).");
            return null;
        }

        (ItemKind, object)? Found(ItemKind kind, object? item) => item is null ? null : (kind, item);
        return reference switch
        {
            { Policy: { } p } => Found(ItemKind.Policy, Find(records.Policies, p, where)),
            { Standard: { } s } => Found(ItemKind.Standard, FindStandard(records.Standards, s, where)),
            { WorkingGroup: { } w } => Found(ItemKind.WorkingGroup, Find(records.WorkingGroups, w, where)),
            { Organisation: { } o } => Found(ItemKind.Organisation, Find(records.Organisations, o, where)),
            _ => null,
        };
    }

    public List<Sector> Sectors(Dictionary<string, Sector> sectors, List<string> slugs, string where) =>
        FindAll(sectors, slugs, $"{where} sector");

    public void ThrowIfProblems()
    {
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The seed has problems:\n- " + string.Join("\n- ", problems));
        }
    }
}
