using System.Globalization;
using System.Text.RegularExpressions;
using SesecPortal.Application.Common;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Digest;

/// <summary>A published issue, as the digest offers it.</summary>
internal sealed record DigestIssue(int Id, string Slug, string Title, DateOnly Start, DateOnly End);

/// <summary>What the digest covers (an issue, a month, a quarter or a custom range) and how it is grouped, from the query's raw text.</summary>
internal static partial class DigestPeriods
{
    public static string ResolveGroup(string? raw, QueryInput input)
    {
        var group = (raw ?? "").Trim().ToLowerInvariant();
        if (group.Length == 0 || group == GetDigest.BySector)
        {
            return GetDigest.BySector;
        }

        if (group == GetDigest.ByAuthority)
        {
            return GetDigest.ByAuthority;
        }

        input.Messages.Add($"“{QueryInput.Shorten(raw!.Trim())}” is not a way to group the digest (by sector or by authority); grouped by sector.");
        return GetDigest.BySector;
    }

    /// <summary>The period asked for; else the issue asked for, else the latest issue, else the last two months.</summary>
    public static (string Period, string Title, DateOnly From, DateOnly To, DigestIssue? Issue) Resolve(
        GetDigest.Query query, List<DigestIssue> issues, QueryInput input, DateTimeOffset now)
    {
        var period = (query.Period ?? "").Trim().ToLowerInvariant();
        if (period.Length == 0)
        {
            period = query.Month is not null ? "month" : query.Quarter is not null ? "quarter" : query.From is not null || query.To is not null ? "custom" : "issue";
        }

        if (Range(period, query, input) is { } range)
        {
            return (period, range.Title, range.From, range.To, null);
        }

        var issue = period == "issue" && query.Issue is not null ? issues.FirstOrDefault(i => i.Slug == query.Issue.Trim()) : null;
        if (period == "issue" && query.Issue is not null && issue is null)
        {
            input.Messages.Add($"There is no issue “{QueryInput.Shorten(query.Issue)}”; showing the latest issue.");
        }

        issue ??= issues.FirstOrDefault();
        if (issue is null)
        {
            var end = new DateOnly(now.Year, now.Month, 1).AddMonths(1).AddDays(-1);
            return ("custom", "The last two months", end.AddMonths(-2).AddDays(1), end, null);
        }

        return ("issue", $"{issue.Title} issue", issue.Start, issue.End, issue);
    }

    /// <summary>A month, a quarter or a custom range when the query gives a valid one; null (and a message if it was invalid) otherwise.</summary>
    private static (string Title, DateOnly From, DateOnly To)? Range(string period, GetDigest.Query query, QueryInput input)
    {
        switch (period)
        {
            case "month" when MonthPattern().Match(query.Month ?? "") is { Success: true } m
                && int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) is >= 1 and <= 12 and var month:
            {
                var from = new DateOnly(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), month, 1);
                return (from.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("en-GB")), from, from.AddMonths(1).AddDays(-1));
            }

            case "quarter" when QuarterPattern().Match(query.Quarter ?? "") is { Success: true } q:
            {
                var n = int.Parse(q.Groups[2].Value, CultureInfo.InvariantCulture);
                var from = new DateOnly(int.Parse(q.Groups[1].Value, CultureInfo.InvariantCulture), ((n - 1) * 3) + 1, 1);
                return ($"Q{n} {from.Year}", from, from.AddMonths(3).AddDays(-1));
            }

            case "custom" when PartialDate.TryParse(query.From, out var f) && PartialDate.TryParse(query.To, out var t):
            {
                var from = f.Date;
                var to = t.Precision == DatePrecision.Day ? t.Date : t.Precision == DatePrecision.Month ? t.Date.AddMonths(1).AddDays(-1) : t.Date.AddYears(1).AddDays(-1);
                if (to < from)
                {
                    input.Messages.Add("The end of the range was before its start; the two were swapped.");
                    (from, to) = (to, from);
                }

                if (to.DayNumber - from.DayNumber > GetDigest.MaxRangeDays)
                {
                    input.Messages.Add("A digest covers at most five years; the range was shortened.");
                    to = from.AddDays(GetDigest.MaxRangeDays);
                }

                return ($"{PartialDate.Format(from)} – {PartialDate.Format(to)}", from, to);
            }

            case "month" or "quarter" or "custom":
                input.Messages.Add(period switch
                {
                    "month" => $"“{QueryInput.Shorten(query.Month ?? "")}” is not a month (write 2021-11); showing the latest issue.",
                    "quarter" => $"“{QueryInput.Shorten(query.Quarter ?? "")}” is not a quarter (write 2021-Q4); showing the latest issue.",
                    _ => "A custom range needs a start and an end date (2021-10-01); showing the latest issue.",
                });
                break;

            case "issue":
                break;

            default:
                input.Messages.Add($"“{QueryInput.Shorten(period)}” is not a kind of period; showing the latest issue.");
                break;
        }

        return null;
    }

    [GeneratedRegex(@"^\s*(\d{4})-(\d{1,2})\s*$")]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@"^\s*(\d{4})\s*-?\s*[Qq]([1-4])\s*$")]
    private static partial Regex QuarterPattern();
}
