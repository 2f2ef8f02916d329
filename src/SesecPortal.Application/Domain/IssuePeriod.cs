using System.Globalization;

namespace SesecPortal.Application.Domain;

/// <summary>
/// The newsletter is bimonthly: the issue after "December 2021 – January 2022" covers February and March 2022,
/// is titled "February – March 2022" and has the next number.
/// </summary>
public readonly record struct IssuePeriod(DateOnly Start, DateOnly End)
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The two months that follow <paramref name="previousEnd"/>.</summary>
    public static IssuePeriod After(DateOnly previousEnd)
    {
        var start = new DateOnly(previousEnd.Year, previousEnd.Month, 1).AddMonths(1);
        return new IssuePeriod(start, start.AddMonths(2).AddDays(-1));
    }

    /// <summary>"February – March 2022", or "December 2021 – January 2022" across a year's end.</summary>
    public string Title => Start.Year == End.Year
        ? $"{Start.ToString("MMMM", English)} – {End.ToString("MMMM yyyy", English)}"
        : $"{Start.ToString("MMMM yyyy", English)} – {End.ToString("MMMM yyyy", English)}";

    public string Slug => Domain.Slug.From(Title);
}
