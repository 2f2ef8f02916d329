using System.Globalization;
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
public static class GetDigest
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

    public sealed class Handler(PortalDbContext db, TimeProvider clock, IPortalAddresses addresses) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var input = new QueryInput();
            var issues = await db.Issues.AsNoTracking().Where(i => i.Status == PublicationStatus.Published).OrderByDescending(i => i.PeriodStart)
                .Select(i => new DigestIssue(i.Id, i.Slug, i.Title, i.PeriodStart, i.PeriodEnd)).ToListAsync(ct);

            var (period, title, from, to, issue) = DigestPeriods.Resolve(query, issues, input, clock.GetUtcNow());
            var group = DigestPeriods.ResolveGroup(query.Group, input);

            var knownSectors = await input.KnownAsync("sector", query.Sector, db.Sectors.Select(s => s.Slug), ct);
            var knownAuthorities = await input.KnownAsync("authority", query.Authority, db.Organisations.Select(o => o.Slug), ct);
            var (policies, articles) = Selected(issue, from, to, knownSectors, knownAuthorities);
            var (policyRows, articleRows) = await RowsAsync(policies, articles, ct);
            if (policyRows.Count >= MaxEntries || articleRows.Count >= MaxEntries)
            {
                input.Messages.Add($"Only the first {MaxEntries} policies and articles of the period are shown; choose a shorter period.");
            }

            var sectorLinks = await db.Sectors.AsNoTracking().OrderBy(s => s.Position).Select(s => new Link(s.Slug, s.Name, null)).ToListAsync(ct);
            var authorityLinks = await db.Organisations.AsNoTracking()
                .Where(o => db.Policies.Any(p => p.Authorities.Any(a => a.OrganisationId == o.Id)))
                .OrderBy(o => o.Abbreviation ?? o.Name).Select(o => new Link(o.Slug, o.Abbreviation ?? o.Name, o.Name)).ToListAsync(ct);

            var chains = await Policies.PolicyChains.LoadAsync(db, [.. policyRows.Select(p => p.Id)], ct);
            var entries = Entries(policyRows, articleRows, chains, knownSectors, knownAuthorities, authorityLinks);
            var ordered = entries.OrderBy(e => e.Rank).ThenBy(e => e.SortDate).ThenBy(e => e.Title, StringComparer.OrdinalIgnoreCase)
                .Select(e => e.ToEntry(knownSectors, knownAuthorities)).ToList();
            var groups = DigestEntries.Group(ordered, group, sectorLinks, authorityLinks);

            return new Result(period, title, from, to, issue?.Slug, group, ordered, groups, [.. issues.Select(i => new Link(i.Slug, i.Title, null))],
                sectorLinks, authorityLinks, knownSectors, knownAuthorities, input.Messages);
        }

        /// <summary>The policies and articles of the issue or the period, as the filters narrow them.</summary>
        private (IQueryable<Policy> Policies, IQueryable<Article> Articles) Selected(
            DigestIssue? issue, DateOnly from, DateOnly to, List<string> knownSectors, List<string> knownAuthorities)
        {
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

            return (policies, articles);
        }

        private static async Task<(List<PolicyRow> Policies, List<ArticleRow> Articles)> RowsAsync(
            IQueryable<Policy> policies, IQueryable<Article> articles, CancellationToken ct)
        {
            var policyRows = await policies.OrderBy(p => p.IssuedOn).ThenBy(p => p.Id).Take(MaxEntries)
                .Select(p => new PolicyRow(
                    p.Id, p.Slug, p.Title, p.TitleZh, p.IssuedOn, p.IssuedOnPrecision, p.Status, p.Summary, p.SourceUrl,
                    p.Authorities.OrderBy(a => a.Position).Select(a => new Link(a.Organisation!.Slug, a.Organisation.Abbreviation ?? a.Organisation.Name, a.Organisation.Name)).ToList(),
                    p.Sectors.OrderBy(s => s.Position).Select(s => new Link(s.Slug, s.Name, null)).ToList()))
                .AsSplitQuery().ToListAsync(ct);
            var articleRows = await articles.OrderBy(a => a.EventDate ?? a.PublishedOn).ThenBy(a => a.Id).Take(MaxEntries)
                .Select(a => new ArticleRow(
                    a.Slug, a.Title, a.Summary, a.EventDate, a.EventDatePrecision, a.PublishedOn,
                    a.SourceLinks.OrderBy(l => l.Position).Select(l => l.Url).FirstOrDefault(),
                    a.Policies.Select(p => p.Slug).ToList(),
                    a.Organisations.Select(o => o.Slug).ToList(),
                    a.Sectors.OrderBy(s => s.Position).Select(s => new Link(s.Slug, s.Name, null)).ToList()))
                .AsSplitQuery().ToListAsync(ct);
            return (policyRows, articleRows);
        }

        /// <summary>One entry per policy with the articles about it folded in; an article about none of them stands on its own.</summary>
        private List<EntryDraft> Entries(List<PolicyRow> policyRows, List<ArticleRow> articleRows, IReadOnlyDictionary<int, Policies.PolicyChain> chains,
            List<string> knownSectors, List<string> knownAuthorities, List<Link> authorityLinks)
        {
            var entries = new List<EntryDraft>();
            var bySlug = new Dictionary<string, EntryDraft>(StringComparer.Ordinal);
            foreach (var p in policyRows)
            {
                var draft = new EntryDraft("policy", p.Title, addresses.Page(new ItemRef(ItemKind.Policy, p.Slug)), FirstParagraph(p.Summary), p.IssuedOn, p.IssuedOnPrecision, null,
                    Labels.Of(p.Status), p.Authorities, p.Sectors, p.SourceUrl) { TitleZh = p.TitleZh, Chain = chains.GetValueOrDefault(p.Id) };
                entries.Add(draft);
                bySlug[p.Slug] = draft;
            }

            foreach (var a in articleRows)
            {
                var url = addresses.Page(new ItemRef(ItemKind.Article, a.Slug));
                var about = a.Policies.Where(bySlug.ContainsKey).Select(s => bySlug[s]).ToList();
                if (about.Count > 0)
                {
                    var folded = new Covered(a.Title, url, DigestEntries.Text(a.EventDate, a.EventDatePrecision), DigestEntries.Iso(a.EventDate, a.EventDatePrecision),
                        a.EventDate is null ? DigestEntries.Text(a.PublishedOn, DatePrecision.Day) : null, a.EventDate is null ? DigestEntries.Iso(a.PublishedOn, DatePrecision.Day) : null, a.Source);
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
                entries.Add(new EntryDraft("article", a.Title, url, a.Summary, a.EventDate, a.EventDatePrecision,
                    a.EventDate is null ? a.PublishedOn : null, null, authorities, a.Sectors, a.Source));
            }

            return entries;
        }

        private static string? FirstParagraph(string? markdown) =>
            markdown is null ? null : markdown.Split("\n\n", 2)[0].Trim();

        private sealed record PolicyRow(
            int Id, string Slug, string Title, string? TitleZh, DateOnly? IssuedOn, DatePrecision IssuedOnPrecision, PolicyStatus Status, string? Summary,
            string? SourceUrl, List<Link> Authorities, List<Link> Sectors);

        private sealed record ArticleRow(
            string Slug, string Title, string Summary, DateOnly? EventDate, DatePrecision EventDatePrecision, DateOnly? PublishedOn, string? Source,
            List<string> Policies, List<string> Organisations, List<Link> Sectors);
    }
}
