using System.Globalization;
using System.Text.RegularExpressions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Digest;

/// <summary>
/// The policy digest for analysts: policies and articles of a period (a bimonthly issue, a month, a quarter or a custom
/// range) in date order, filtered by sector and authority; each entry with its date, authorities, takeaway and links.
/// </summary>
public static partial class GetDigest
{
    public const int MaxEntries = 500;
    public const int MaxRangeDays = 5 * 366;

    /// <param name="Period"><c>issue</c>, <c>month</c>, <c>quarter</c> or <c>custom</c>.</param>
    /// <param name="Issue">An issue's slug (period <c>issue</c>).</param>
    /// <param name="Month"><c>2021-11</c>.</param>
    /// <param name="Quarter"><c>2021-Q4</c>.</param>
    public sealed record Query(
        string? Period = null, string? Issue = null, string? Month = null, string? Quarter = null, string? From = null, string? To = null,
        IReadOnlyList<string>? Sector = null, IReadOnlyList<string>? Authority = null) : IQuery<Result>;

    public sealed record Result(
        string Period, string Title, DateOnly From, DateOnly To, IReadOnlyList<Entry> Entries, IReadOnlyList<Link> Issues,
        IReadOnlyList<Link> Sectors, IReadOnlyList<Link> Authorities, IReadOnlyList<string> SelectedSectors, IReadOnlyList<string> SelectedAuthorities,
        IReadOnlyList<string> Messages);

    public sealed record Entry(string Kind, string Date, string Title, string Url, string? Summary, IReadOnlyList<Link> Authorities, IReadOnlyList<Link> Sectors, string? SourceUrl);

    public sealed class Handler(PortalDbContext db, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var input = new QueryInput();
            var issues = await db.Issues.AsNoTracking().Where(i => i.Status == PublicationStatus.Published).OrderByDescending(i => i.PeriodStart)
                .Select(i => new { i.Slug, i.Title, i.PeriodStart, i.PeriodEnd }).ToListAsync(ct);

            var (period, title, from, to) = ResolvePeriod(query, issues.Select(i => (i.Slug, i.Title, i.PeriodStart, i.PeriodEnd)).ToList(), input);

            var knownSectors = await input.KnownAsync("sector", query.Sector, db.Sectors.Select(s => s.Slug), ct);
            var knownAuthorities = await input.KnownAsync("authority", query.Authority, db.Organisations.Select(o => o.Slug), ct);

            var policies = db.Policies.AsNoTracking().Where(p => p.IssuedOn >= from && p.IssuedOn <= to);
            var articles = db.Articles.AsNoTracking().Where(a => a.Status == PublicationStatus.Published
                && (a.EventDate ?? a.PublishedOn) >= from && (a.EventDate ?? a.PublishedOn) <= to);
            if (knownSectors.Count > 0)
            {
                policies = policies.Where(p => p.Sectors.Any(s => knownSectors.Contains(s.Slug)));
                articles = articles.Where(a => a.Sectors.Any(s => knownSectors.Contains(s.Slug)));
            }

            if (knownAuthorities.Count > 0)
            {
                policies = policies.Where(p => p.Authorities.Any(a => knownAuthorities.Contains(a.Organisation!.Slug)));
                articles = articles.Where(a => a.Organisations.Any(o => knownAuthorities.Contains(o.Slug))
                    || a.Policies.Any(p => p.Authorities.Any(x => knownAuthorities.Contains(x.Organisation!.Slug))));
            }

            var policyRows = await policies.OrderBy(p => p.IssuedOn).Take(MaxEntries)
                .Select(p => new
                {
                    p.Slug, p.Title, Date = p.IssuedOn!.Value, p.IssuedOnPrecision, p.Summary, p.SourceUrl,
                    Authorities = p.Authorities.OrderBy(a => a.Position).Select(a => new Link(a.Organisation!.Slug, a.Organisation.Abbreviation ?? a.Organisation.Name, null)).ToList(),
                    Sectors = p.Sectors.OrderBy(s => s.Position).Select(s => new Link(s.Slug, s.Name, null)).ToList(),
                })
                .AsSplitQuery().ToListAsync(ct);
            var articleRows = await articles.OrderBy(a => a.EventDate ?? a.PublishedOn).Take(MaxEntries)
                .Select(a => new
                {
                    a.Slug, a.Title, Date = (a.EventDate ?? a.PublishedOn)!.Value, Precision = a.EventDate != null ? a.EventDatePrecision : DatePrecision.Day, a.Summary,
                    Source = a.SourceLinks.OrderBy(l => l.Position).Select(l => l.Url).FirstOrDefault(),
                    Authorities = a.Policies.SelectMany(p => p.Authorities).OrderBy(x => x.Position).Select(x => new Link(x.Organisation!.Slug, x.Organisation.Abbreviation ?? x.Organisation.Name, null)).ToList(),
                    Sectors = a.Sectors.OrderBy(s => s.Position).Select(s => new Link(s.Slug, s.Name, null)).ToList(),
                })
                .AsSplitQuery().ToListAsync(ct);

            var entries = policyRows.Select(p => (p.Date, Entry: new Entry("policy", PartialDate.Format(p.Date, p.IssuedOnPrecision), p.Title, $"/policies/{p.Slug}", FirstParagraph(p.Summary), p.Authorities, p.Sectors, p.SourceUrl)))
                .Concat(articleRows.Select(a => (a.Date, Entry: new Entry("article", PartialDate.Format(a.Date, a.Precision), a.Title, $"/articles/{a.Slug}", a.Summary, [.. a.Authorities.DistinctBy(x => x.Slug)], a.Sectors, a.Source))))
                .OrderBy(e => e.Date).ThenBy(e => e.Entry.Kind == "policy" ? 0 : 1).Select(e => e.Entry).ToList();
            if (entries.Count >= MaxEntries)
            {
                input.Messages.Add($"Only the first {MaxEntries} policies and articles of the period are shown; choose a shorter period.");
            }

            var sectorLinks = await db.Sectors.AsNoTracking().OrderBy(s => s.Position).Select(s => new Link(s.Slug, s.Name, null)).ToListAsync(ct);
            var authorityLinks = await db.Organisations.AsNoTracking()
                .Where(o => db.Policies.Any(p => p.Authorities.Any(a => a.OrganisationId == o.Id)))
                .OrderBy(o => o.Abbreviation ?? o.Name).Select(o => new Link(o.Slug, o.Abbreviation ?? o.Name, o.Name)).ToListAsync(ct);

            return new Result(period, title, from, to, entries, [.. issues.Select(i => new Link(i.Slug, i.Title, null))],
                sectorLinks, authorityLinks, knownSectors, knownAuthorities, input.Messages);
        }

        private (string Period, string Title, DateOnly From, DateOnly To) ResolvePeriod(
            Query query, List<(string Slug, string Title, DateOnly Start, DateOnly End)> issues, QueryInput input)
        {
            var period = (query.Period ?? "").Trim().ToLowerInvariant();
            if (period.Length == 0)
            {
                period = query.Month is not null ? "month" : query.Quarter is not null ? "quarter" : query.From is not null || query.To is not null ? "custom" : "issue";
            }

            switch (period)
            {
                case "month" when MonthPattern().Match(query.Month ?? "") is { Success: true } m
                    && int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) is >= 1 and <= 12 and var month:
                {
                    var from = new DateOnly(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), month, 1);
                    return ("month", from.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("en-GB")), from, from.AddMonths(1).AddDays(-1));
                }

                case "quarter" when QuarterPattern().Match(query.Quarter ?? "") is { Success: true } q:
                {
                    var n = int.Parse(q.Groups[2].Value, CultureInfo.InvariantCulture);
                    var from = new DateOnly(int.Parse(q.Groups[1].Value, CultureInfo.InvariantCulture), ((n - 1) * 3) + 1, 1);
                    return ("quarter", $"Q{n} {from.Year}", from, from.AddMonths(3).AddDays(-1));
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

                    if (to.DayNumber - from.DayNumber > MaxRangeDays)
                    {
                        input.Messages.Add("A digest covers at most five years; the range was shortened.");
                        to = from.AddDays(MaxRangeDays);
                    }

                    return ("custom", $"{PartialDate.Format(from)} – {PartialDate.Format(to)}", from, to);
                }

                case "month" or "quarter" or "custom":
                    input.Messages.Add(period switch
                    {
                        "month" => $"“{QueryInput.Shorten(query.Month ?? "")}” is not a month (write 2021-11); showing the latest issue's period.",
                        "quarter" => $"“{QueryInput.Shorten(query.Quarter ?? "")}” is not a quarter (write 2021-Q4); showing the latest issue's period.",
                        _ => "A custom range needs a start and an end date (2021-10-01); showing the latest issue's period.",
                    });
                    break;

                case "issue":
                    break;

                default:
                    input.Messages.Add($"“{QueryInput.Shorten(period)}” is not a kind of period; showing the latest issue's period.");
                    break;
            }

            var issue = period == "issue" && query.Issue is not null ? issues.FirstOrDefault(i => i.Slug == query.Issue) : default;
            if (period == "issue" && query.Issue is not null && issue.Slug is null)
            {
                input.Messages.Add($"There is no issue “{QueryInput.Shorten(query.Issue)}”; showing the latest issue's period.");
            }

            if (issue.Slug is null && issues.Count > 0)
            {
                issue = issues[0];
            }

            if (issue.Slug is null)
            {
                var now = clock.GetUtcNow();
                var end = new DateOnly(now.Year, now.Month, 1).AddMonths(1).AddDays(-1);
                return ("custom", "The last two months", end.AddMonths(-2).AddDays(1), end);
            }

            return ("issue", $"{issue.Title} issue", issue.Start, issue.End);
        }

        private static string? FirstParagraph(string? markdown) =>
            markdown is null ? null : markdown.Split("\n\n", 2)[0].Trim();
    }

    [GeneratedRegex(@"^\s*(\d{4})-(\d{1,2})\s*$")]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@"^\s*(\d{4})\s*-?\s*[Qq]([1-4])\s*$")]
    private static partial Regex QuarterPattern();
}
