using Microsoft.AspNetCore.Http.Extensions;
using SesecPortal.Application.Features.Digest;

namespace SesecPortal.Web.Infrastructure;

/// <summary>Reads a digest from an address (the page and its CSV take the same parameters) and writes it back: the URL is the state.</summary>
internal static class DigestRequest
{
    public static GetDigest.Query From(IQueryCollection q) => new(
        Period: Value(q["period"]), Issue: Value(q["issue"]), Month: Value(q["month"]), Quarter: Value(q["quarter"]),
        From: Value(q["from"]), To: Value(q["to"]), Sector: q["sector"].ToArray()!, Authority: q["authority"].ToArray()!, Group: Value(q["group"]));

    /// <summary>
    /// The digest a result shows, as an address: its period as resolved (a bad value already replaced by the default), the
    /// filters that were understood and the grouping. <paramref name="group"/> replaces the grouping.
    /// </summary>
    public static string Address(string path, GetDigest.Result r, string? group = null)
    {
        var builder = new QueryBuilder { { "period", r.Period } };
        switch (r.Period)
        {
            case "issue" when r.Issue is not null:
                builder.Add("issue", r.Issue);
                break;
            case "month":
                builder.Add("month", r.From.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
                break;
            case "quarter":
                builder.Add("quarter", $"{r.From.Year}-Q{(r.From.Month + 2) / 3}");
                break;
            case "custom":
                builder.Add("from", r.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                builder.Add("to", r.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                break;
        }

        foreach (var s in r.SelectedSectors)
        {
            builder.Add("sector", s);
        }

        foreach (var a in r.SelectedAuthorities)
        {
            builder.Add("authority", a);
        }

        var g = group ?? r.Group;
        if (g != GetDigest.BySector)
        {
            builder.Add("group", g);
        }

        return path + builder.ToQueryString();
    }

    private static string? Value(Microsoft.Extensions.Primitives.StringValues values) => string.IsNullOrWhiteSpace(values) ? null : values.ToString();
}
