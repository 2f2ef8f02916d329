using System.Globalization;
using System.Text.RegularExpressions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Digest;

/// <summary>
/// The policy digest for analysts. For an issue it holds everything the issue covers (the articles of its sections and
/// takeaways, and the policies they are about) whatever their dates; for a month, a quarter or a custom range, the
/// policies issued and the articles dated in it. One entry per policy, with the articles about it folded in; an article
/// about none of the entries stands on its own. Grouped by sector, then authority (or the other way round); each entry
/// with its date, authorities, status and source. An article without an event date is never dated by its publication.
/// </summary>
public static partial class GetDigest
{
    public const int MaxEntries = 500;
    public const int MaxRangeDays = 5 * 366;
    public const string BySector = "sector";
    public const string ByAuthority = "authority";

    /// <param name="Period"><c>issue</c>, <c>month</c>, <c>quarter</c> or <c>custom</c>.</param>
    /// <param name="Issue">An issue's slug (period <c>issue</c>).</param>
    /// <param name="Month"><c>2021-11</c>.</param>
    /// <param name="Quarter"><c>2021-Q4</c>.</param>
    /// <param name="Group"><c>sector</c> (sector, then authority; the default) or <c>authority</c> (authority, then sector).</param>
    public sealed record Query(
        string? Period = null, string? Issue = null, string? Month = null, string? Quarter = null, string? From = null, string? To = null,
        IReadOnlyList<string>? Sector = null, IReadOnlyList<string>? Authority = null, string? Group = null) : IQuery<Result>;

    /// <param name="Issue">The issue shown (period <c>issue</c>).</param>
    /// <param name="Entries">Every entry once, dated ones first in date order, then those known only by their publication, then the undated.</param>
    /// <param name="Groups">The same entries by sector then authority, or by authority then sector (<see cref="Group"/>).</param>
    public sealed record Result(
        string Period, string Title, DateOnly From, DateOnly To, string? Issue, string Group, IReadOnlyList<Entry> Entries, IReadOnlyList<Section> Groups,
        IReadOnlyList<Link> Issues, IReadOnlyList<Link> Sectors, IReadOnlyList<Link> Authorities, IReadOnlyList<string> SelectedSectors,
        IReadOnlyList<string> SelectedAuthorities, IReadOnlyList<string> Messages);

    /// <summary>A group of the digest: a sector or an authority (<see cref="Slug"/> null for entries without one).</summary>
    public sealed record Section(string Kind, string? Slug, string Title, IReadOnlyList<Subsection> Subsections, int Count);

    public sealed record Subsection(string Kind, string? Slug, string Title, IReadOnlyList<Entry> Entries);

    /// <summary>A policy (with the articles about it) or an article about none of the digest's policies.</summary>
    /// <param name="Date">The policy's issue date or the article's event date, as precisely as known; null when undated.</param>
    /// <param name="DateIso"><c>2021-10-18</c>, <c>2021-10</c> or <c>2021</c>.</param>
    /// <param name="PublishedOn">For an article without an event date only: the day it was published (not an event).</param>
    /// <param name="Status">A policy's status ("Draft for comments"); null for an article.</param>
    /// <param name="SourceUrl">The policy's source, else the first source of an article about it; the article's own source.</param>
    /// <param name="Sector">The sector it is grouped under (the first selected of its sectors, else its first).</param>
    /// <param name="Authority">The authority it is grouped under (the first selected of its authorities, else the lead).</param>
    public sealed record Entry(
        string Kind, string Title, string Url, string? Summary, string? Date, string? DateIso, string? PublishedOn, string? PublishedOnIso,
        string? Status, IReadOnlyList<Link> Authorities, IReadOnlyList<Link> Sectors, string? SourceUrl, IReadOnlyList<Covered> Articles,
        Link? Sector, Link? Authority)
    {
        /// <summary>A policy's Chinese title, when known.</summary>
        public string? TitleZh { get; init; }

        /// <summary>A policy's versions, when it is one of several (a draft and its final text...); null otherwise.</summary>
        public Policies.PolicyChain? Chain { get; init; }
    }

    /// <summary>An article folded into a policy's entry.</summary>
    public sealed record Covered(string Title, string Url, string? Date, string? DateIso, string? PublishedOn, string? PublishedOnIso, string? SourceUrl);

    public sealed class Handler(PortalDbContext db, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var input = new QueryInput();
            var issues = await db.Issues.AsNoTracking().Where(i => i.Status == PublicationStatus.Published).OrderByDescending(i => i.PeriodStart)
                .Select(i => new IssueRow(i.Id, i.Slug, i.Title, i.PeriodStart, i.PeriodEnd)).ToListAsync(ct);

            var (period, title, from, to, issue) = ResolvePeriod(query, issues, input);
            var group = ResolveGroup(query.Group, input);

            var knownSectors = await input.KnownAsync("sector", query.Sector, db.Sectors.Select(s => s.Slug), ct);
            var knownAuthorities = await input.KnownAsync("authority", query.Authority, db.Organisations.Select(o => o.Slug), ct);

            var published = db.Articles.AsNoTracking().Where(a => a.Status == PublicationStatus.Published);
            IQueryable<Article> articles;
            IQueryable<Policy> policies;
            if (issue is not null)
            {
                // Everything the issue covers, whatever its date: its sections' articles, its takeaways' articles and their policies.
                var id = issue.Id;
                var covered = published.Where(a => (a.Section != null && a.Section.IssueId == id)
                    || db.Issues.Where(i => i.Id == id).SelectMany(i => i.Takeaways).Any(t => t.ArticleId == a.Id));
                articles = covered;
                policies = db.Policies.AsNoTracking().Where(p => covered.Any(a => a.Policies.Any(x => x.Id == p.Id)));
            }
            else
            {
                // Undated articles are found by their publication day (the index on COALESCE serves it) but never shown as dated by it.
                articles = published.Where(a => (a.EventDate ?? a.PublishedOn) >= from && (a.EventDate ?? a.PublishedOn) <= to);
                policies = db.Policies.AsNoTracking().Where(p => p.IssuedOn >= from && p.IssuedOn <= to);
            }

            if (knownSectors.Count > 0)
            {
                policies = policies.Where(p => p.Sectors.Any(s => knownSectors.Contains(s.Slug)));
                articles = articles.Where(a => a.Sectors.Any(s => knownSectors.Contains(s.Slug)) || a.Policies.Any(p => p.Sectors.Any(s => knownSectors.Contains(s.Slug))));
            }

            if (knownAuthorities.Count > 0)
            {
                policies = policies.Where(p => p.Authorities.Any(a => knownAuthorities.Contains(a.Organisation!.Slug)));
                articles = articles.Where(a => a.Organisations.Any(o => knownAuthorities.Contains(o.Slug))
                    || a.Policies.Any(p => p.Authorities.Any(x => knownAuthorities.Contains(x.Organisation!.Slug))));
            }

            var policyRows = await policies.OrderBy(p => p.IssuedOn).ThenBy(p => p.Id).Take(MaxEntries)
                .Select(p => new
                {
                    p.Id, p.Slug, p.Title, p.TitleZh, p.IssuedOn, p.IssuedOnPrecision, p.Status, p.Summary, p.SourceUrl,
                    Authorities = p.Authorities.OrderBy(a => a.Position).Select(a => new Link(a.Organisation!.Slug, a.Organisation.Abbreviation ?? a.Organisation.Name, a.Organisation.Name)).ToList(),
                    Sectors = p.Sectors.OrderBy(s => s.Position).Select(s => new Link(s.Slug, s.Name, null)).ToList(),
                })
                .AsSplitQuery().ToListAsync(ct);
            var articleRows = await articles.OrderBy(a => a.EventDate ?? a.PublishedOn).ThenBy(a => a.Id).Take(MaxEntries)
                .Select(a => new
                {
                    a.Slug, a.Title, a.Summary, a.EventDate, a.EventDatePrecision, a.PublishedOn,
                    Source = a.SourceLinks.OrderBy(l => l.Position).Select(l => l.Url).FirstOrDefault(),
                    Policies = a.Policies.Select(p => p.Slug).ToList(),
                    Organisations = a.Organisations.Select(o => o.Slug).ToList(),
                    Sectors = a.Sectors.OrderBy(s => s.Position).Select(s => new Link(s.Slug, s.Name, null)).ToList(),
                })
                .AsSplitQuery().ToListAsync(ct);
            if (policyRows.Count >= MaxEntries || articleRows.Count >= MaxEntries)
            {
                input.Messages.Add($"Only the first {MaxEntries} policies and articles of the period are shown; choose a shorter period.");
            }

            var sectorLinks = await db.Sectors.AsNoTracking().OrderBy(s => s.Position).Select(s => new Link(s.Slug, s.Name, null)).ToListAsync(ct);
            var authorityLinks = await db.Organisations.AsNoTracking()
                .Where(o => db.Policies.Any(p => p.Authorities.Any(a => a.OrganisationId == o.Id)))
                .OrderBy(o => o.Abbreviation ?? o.Name).Select(o => new Link(o.Slug, o.Abbreviation ?? o.Name, o.Name)).ToListAsync(ct);

            var chains = await Policies.PolicyChains.LoadAsync(db, [.. policyRows.Select(p => p.Id)], ct);
            var entries = new List<EntryDraft>();
            var bySlug = new Dictionary<string, EntryDraft>(StringComparer.Ordinal);
            foreach (var p in policyRows)
            {
                var draft = new EntryDraft("policy", p.Title, $"/policies/{p.Slug}", FirstParagraph(p.Summary), p.IssuedOn, p.IssuedOnPrecision, null,
                    Labels.Of(p.Status), p.Authorities, p.Sectors, p.SourceUrl) { TitleZh = p.TitleZh, Chain = chains.GetValueOrDefault(p.Id) };
                entries.Add(draft);
                bySlug[p.Slug] = draft;
            }

            foreach (var a in articleRows)
            {
                var about = a.Policies.Where(bySlug.ContainsKey).Select(s => bySlug[s]).ToList();
                if (about.Count > 0)
                {
                    var folded = new Covered(a.Title, $"/articles/{a.Slug}", Text(a.EventDate, a.EventDatePrecision), Iso(a.EventDate, a.EventDatePrecision),
                        a.EventDate is null ? Text(a.PublishedOn, DatePrecision.Day) : null, a.EventDate is null ? Iso(a.PublishedOn, DatePrecision.Day) : null, a.Source);
                    foreach (var draft in about)
                    {
                        draft.Articles.Add(folded);
                    }

                    continue;
                }

                // An article about none of the digest's policies stands on its own when it matches the filters by itself.
                if ((knownSectors.Count > 0 && !a.Sectors.Any(s => knownSectors.Contains(s.Slug)))
                    || (knownAuthorities.Count > 0 && !a.Organisations.Any(knownAuthorities.Contains)))
                {
                    continue;
                }

                var authorities = authorityLinks.Where(l => a.Organisations.Contains(l.Slug)).ToList();
                entries.Add(new EntryDraft("article", a.Title, $"/articles/{a.Slug}", a.Summary, a.EventDate, a.EventDatePrecision,
                    a.EventDate is null ? a.PublishedOn : null, null, authorities, a.Sectors, a.Source));
            }

            var ordered = entries.OrderBy(e => e.Rank).ThenBy(e => e.SortDate).ThenBy(e => e.Title, StringComparer.OrdinalIgnoreCase)
                .Select(e => e.ToEntry(knownSectors, knownAuthorities)).ToList();
            var groups = GroupEntries(ordered, group, sectorLinks, authorityLinks);

            return new Result(period, title, from, to, issue?.Slug, group, ordered, groups, [.. issues.Select(i => new Link(i.Slug, i.Title, null))],
                sectorLinks, authorityLinks, knownSectors, knownAuthorities, input.Messages);
        }

        private static string ResolveGroup(string? raw, QueryInput input)
        {
            var group = (raw ?? "").Trim().ToLowerInvariant();
            if (group.Length == 0 || group == BySector)
            {
                return BySector;
            }

            if (group == ByAuthority)
            {
                return ByAuthority;
            }

            input.Messages.Add($"“{QueryInput.Shorten(raw!.Trim())}” is not a way to group the digest (by sector or by authority); grouped by sector.");
            return BySector;
        }

        /// <summary>Sectors in the taxonomy's order, authorities by name, each with the entries of the other kind inside; "none" last.</summary>
        private static List<Section> GroupEntries(List<Entry> entries, string group, List<Link> sectors, List<Link> authorities)
        {
            var sectorOrder = sectors.Select((l, i) => (l.Slug, i)).ToDictionary(x => x.Slug, x => x.i, StringComparer.Ordinal);
            var authorityOrder = authorities.Select((l, i) => (l.Slug, i)).ToDictionary(x => x.Slug, x => x.i, StringComparer.Ordinal);
            int Order(string kind, Link? link) => link is null ? int.MaxValue
                : (kind == BySector ? sectorOrder : authorityOrder).GetValueOrDefault(link.Slug, int.MaxValue - 1);
            string Title(string kind, Link? link) => link?.Title ?? (kind == BySector ? "No sector" : "No authority named");

            var outer = group;
            var inner = group == BySector ? ByAuthority : BySector;
            Link? Key(string kind, Entry e) => kind == BySector ? e.Sector : e.Authority;
            return [.. entries.GroupBy(e => Key(outer, e)?.Slug)
                .Select(g => (Link: Key(outer, g.First()), Entries: g.ToList()))
                .OrderBy(g => Order(outer, g.Link)).ThenBy(g => Title(outer, g.Link), StringComparer.OrdinalIgnoreCase)
                .Select(g => new Section(outer, g.Link?.Slug, Title(outer, g.Link),
                    [.. g.Entries.GroupBy(e => Key(inner, e)?.Slug)
                        .Select(s => (Link: Key(inner, s.First()), Entries: s.ToList()))
                        .OrderBy(s => Order(inner, s.Link)).ThenBy(s => Title(inner, s.Link), StringComparer.OrdinalIgnoreCase)
                        .Select(s => new Subsection(inner, s.Link?.Slug, Title(inner, s.Link), s.Entries))],
                    g.Entries.Count))];
        }

        private static string? Text(DateOnly? date, DatePrecision precision) => date is { } d ? PartialDate.Format(d, precision) : null;

        private static string? Iso(DateOnly? date, DatePrecision precision) => date is not { } d ? null : precision switch
        {
            DatePrecision.Month => d.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            DatePrecision.Year => d.ToString("yyyy", CultureInfo.InvariantCulture),
            _ => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };

        private sealed record IssueRow(int Id, string Slug, string Title, DateOnly Start, DateOnly End);

        private sealed class EntryDraft(
            string kind, string title, string url, string? summary, DateOnly? date, DatePrecision precision, DateOnly? publishedOn, string? status,
            IReadOnlyList<Link> authorities, IReadOnlyList<Link> sectors, string? sourceUrl)
        {
            public string Title => title;
            public List<Covered> Articles { get; } = [];
            public string? TitleZh { get; init; }
            public Policies.PolicyChain? Chain { get; init; }

            /// <summary>Dated first, then known only by the day it was published, then undated.</summary>
            public int Rank => date is not null ? 0 : publishedOn is not null ? 1 : 2;
            public DateOnly SortDate => date ?? publishedOn ?? DateOnly.MaxValue;

            public Entry ToEntry(List<string> selectedSectors, List<string> selectedAuthorities) => new(
                kind, title, url, summary, Text(date, precision), Iso(date, precision), Text(publishedOn, DatePrecision.Day), Iso(publishedOn, DatePrecision.Day),
                status, authorities, sectors, sourceUrl ?? Articles.Select(a => a.SourceUrl).FirstOrDefault(s => s is not null), Articles,
                Placement(sectors, selectedSectors), Placement(authorities, selectedAuthorities))
            {
                TitleZh = TitleZh, Chain = Chain,
            };

            private static Link? Placement(IReadOnlyList<Link> links, List<string> selected) =>
                links.FirstOrDefault(l => selected.Contains(l.Slug)) ?? (links.Count > 0 ? links[0] : null);
        }

        private (string Period, string Title, DateOnly From, DateOnly To, IssueRow? Issue) ResolvePeriod(Query query, List<IssueRow> issues, QueryInput input)
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
                    return ("month", from.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("en-GB")), from, from.AddMonths(1).AddDays(-1), null);
                }

                case "quarter" when QuarterPattern().Match(query.Quarter ?? "") is { Success: true } q:
                {
                    var n = int.Parse(q.Groups[2].Value, CultureInfo.InvariantCulture);
                    var from = new DateOnly(int.Parse(q.Groups[1].Value, CultureInfo.InvariantCulture), ((n - 1) * 3) + 1, 1);
                    return ("quarter", $"Q{n} {from.Year}", from, from.AddMonths(3).AddDays(-1), null);
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

                    return ("custom", $"{PartialDate.Format(from)} – {PartialDate.Format(to)}", from, to, null);
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

            var issue = period == "issue" && query.Issue is not null ? issues.FirstOrDefault(i => i.Slug == query.Issue.Trim()) : null;
            if (period == "issue" && query.Issue is not null && issue is null)
            {
                input.Messages.Add($"There is no issue “{QueryInput.Shorten(query.Issue)}”; showing the latest issue.");
            }

            issue ??= issues.FirstOrDefault();
            if (issue is null)
            {
                var now = clock.GetUtcNow();
                var end = new DateOnly(now.Year, now.Month, 1).AddMonths(1).AddDays(-1);
                return ("custom", "The last two months", end.AddMonths(-2).AddDays(1), end, null);
            }

            return ("issue", $"{issue.Title} issue", issue.Start, issue.End, issue);
        }

        private static string? FirstParagraph(string? markdown) =>
            markdown is null ? null : markdown.Split("\n\n", 2)[0].Trim();
    }

    [GeneratedRegex(@"^\s*(\d{4})-(\d{1,2})\s*$")]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@"^\s*(\d{4})\s*-?\s*[Qq]([1-4])\s*$")]
    private static partial Regex QuarterPattern();
}
