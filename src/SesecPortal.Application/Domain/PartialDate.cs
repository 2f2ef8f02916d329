using System.Globalization;

namespace SesecPortal.Application.Domain;

/// <summary>A date known to the day or only to the month ("In October 2021"), as the newsletter gives it.</summary>
public readonly record struct PartialDate(DateOnly Date, DatePrecision Precision)
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>Parses <c>2021-12-06</c>, <c>2021-10</c> or <c>2021</c>.</summary>
    public static bool TryParse(string? text, out PartialDate value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            value = new PartialDate(day, DatePrecision.Day);
            return true;
        }

        if (DateOnly.TryParseExact(s + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            value = new PartialDate(month, DatePrecision.Month);
            return true;
        }

        if (s.Length == 4 && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is > 1900 and < 2200)
        {
            value = new PartialDate(new DateOnly(year, 1, 1), DatePrecision.Year);
            return true;
        }

        return false;
    }

    public static string Format(DateOnly date, DatePrecision precision) => precision switch
    {
        DatePrecision.Month => date.ToString("MMMM yyyy", English),
        DatePrecision.Year => date.ToString("yyyy", English),
        _ => date.ToString("d MMMM yyyy", English),
    };

    public static string Format(DateOnly date) => Format(date, DatePrecision.Day);

    public override string ToString() => Format(Date, Precision);
}
