using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace SesecPortal.Application.Common;

/// <summary>
/// Reading the raw values of an address (filters, page numbers) the way every list of the portal does: bad input is
/// corrected and explained in a message, never an error.
/// </summary>
public sealed class QueryInput
{
    public const int MaxValues = 20;
    public const int MaxValueLength = 120;

    public List<string> Messages { get; } = [];

    /// <summary>Non-empty, trimmed, distinct values, at most <see cref="MaxValues"/> of them.</summary>
    public static List<string> Values(IReadOnlyList<string>? values) =>
        [.. (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Where(v => v.Length <= MaxValueLength)
            .Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxValues)];

    /// <summary>The values that name something in <paramref name="slugs"/>; the others are reported as ignored.</summary>
    public async Task<List<string>> KnownAsync(string what, IReadOnlyList<string>? raw, IQueryable<string> slugs, CancellationToken ct)
    {
        var values = Values(raw);
        if (values.Count == 0)
        {
            return [];
        }

        var known = await slugs.Where(s => values.Contains(s)).ToListAsync(ct);
        Ignored(what, values.Except(known));
        return known;
    }

    /// <summary>The years (1900 to 2200) among the values; the others are reported as ignored.</summary>
    public List<int> Years(IReadOnlyList<string>? raw)
    {
        var years = Values(raw);
        var parsed = years.Select(y => int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1900 and <= 2200 ? n : (int?)null).ToList();
        Ignored("year", years.Where((_, i) => parsed[i] is null));
        return [.. parsed.OfType<int>().Distinct()];
    }

    public void Ignored(string what, IEnumerable<string> values)
    {
        foreach (var v in values)
        {
            Messages.Add($"There is no {what} “{Shorten(v)}”; that filter was ignored.");
        }
    }

    /// <summary>The page to show: 1 when the value is missing, not a number or below 1; the last page when beyond it.</summary>
    public int Page(string? raw, int pageCount, int total)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return 1;
        }

        if (!long.TryParse(raw.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var page))
        {
            Messages.Add($"“{Shorten(raw)}” is not a page number; showing the first page.");
            return 1;
        }

        if (page < 1)
        {
            Messages.Add("Pages start at 1; showing the first page.");
            return 1;
        }

        if (page > pageCount)
        {
            if (total > 0)
            {
                Messages.Add($"There {(pageCount == 1 ? "is only 1 page" : $"are only {pageCount} pages")} of results; showing the last.");
            }

            return pageCount;
        }

        return (int)page;
    }

    public static int PageCount(int total, int pageSize) => Math.Max(1, (int)Math.Ceiling(total / (double)pageSize));

    public static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
