using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Search;
using SesecPortal.Application.Features.Standards;

namespace SesecPortal.Application.Features.OpenData;

/// <summary>
/// What an Atom feed lists: everything new (articles, policies, standards, newest first), or what is new in a sector, or what
/// a search finds, or one standard's life (its timeline), or the standards of an ICS group (those of its sub-groups
/// included), newest first. Standards carry their ICS codes and CCS code as categories. Null when the sector, standard or
/// ICS group does not exist.
/// </summary>
public static class GetFeed
{
    public const int Size = 50;

    public sealed record Query(string? Sector = null, string? Q = null, string? Standard = null, string? Ics = null) : IQuery<Result?>;

    public sealed record Result(string Title, string Url, IReadOnlyList<Entry> Entries);

    /// <param name="Id">A stable identifier for the entry (tag URI part).</param>
    public sealed record Entry(string Id, string Kind, string Title, string Url, string? Summary, DateOnly? Date)
    {
        /// <summary>A standard's ICS codes and CCS code, for feed readers that sort by them.</summary>
        public IReadOnlyList<Category> Categories { get; init; } = [];
    }

    /// <param name="Scheme"><c>ics</c> or <c>ccs</c>: the classification the term belongs to.</param>
    public sealed record Category(string Scheme, string Term, string Label);

    /// <summary>A standard's classification as feed categories: its ICS codes in code order, then its CCS code.</summary>
    public static IReadOnlyList<Category> CategoriesOf(IEnumerable<string> ics, string? ccs) =>
        [.. ics.Order(StringComparer.Ordinal).Select(c => new Category("ics", c, Classification.FindIcs(c) is { } g ? $"{c} {g.Title}" : c)),
         .. ccs is null ? [] : new[] { new Category("ccs", ccs, Classification.FindCcsClass(ccs[..1]) is { } k ? $"{ccs} ({ClassificationFacets.CcsLabel(k)})" : ccs) }];
    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Q).MaximumLength(500);
            RuleFor(q => q.Sector).MaximumLength(120);
            RuleFor(q => q.Standard).MaximumLength(120);
            RuleFor(q => q.Ics).MaximumLength(20);
        }
    }

    public sealed class Handler(PortalDbContext db, ISender sender, PortalSearchIndex search, TimeProvider clock, IPortalAddresses addresses) : IQueryHandler<Query, Result?>
    {
        private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

        public async ValueTask<Result?> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            if (query.Standard is not null)
            {
                return await StandardFeedAsync(query.Standard, ct);
            }

            if (query.Ics is not null)
            {
                return await IcsFeedAsync(query.Ics.Trim(), ct);
            }

            if (!string.IsNullOrWhiteSpace(query.Q))
            {
                return await SearchFeedAsync(query.Q, query.Sector, ct);
            }

            return await NewFeedAsync(query.Sector, ct);
        }

        /// <summary>One standard's life: its timeline, newest first.</summary>
        private async Task<Result?> StandardFeedAsync(string slug, CancellationToken ct)
        {
            var standard = await sender.Send(new GetStandard.Query(slug), ct);
            if (standard is null)
            {
                return null;
            }

            var name = standard.Code is null ? standard.TitleEn : $"{standard.Code} {standard.TitleEn}";
            var url = addresses.Page(new ItemRef(ItemKind.Standard, standard.Slug));
            var categories = CategoriesOf(standard.Ics.Select(i => i.Slug), standard.Ccs);
            return new Result($"{name}: its life", url, [.. standard.Timeline
                .Select(e => new Entry($"standard-{standard.Slug}-{e.Kind}-{e.On?.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
                    "standard", $"{name}: {e.Label}{(e.HasHappened ? "" : $" (to come, {e.When})")}", url, e.Note, e.On?.Date) { Categories = categories })
                .OrderByDescending(e => e.Date)]);
        }

        /// <summary>What /search finds for the words (in the sector, if one is given).</summary>
        private async Task<Result> SearchFeedAsync(string q, string? sector, CancellationToken ct)
        {
            var found = await sender.Send(new SearchPortal.Query(q, Sector: sector is null ? null : [sector]), ct);
            return new Result($"Search: {found.Query}", addresses.Search(found.Query), [.. found.Hits.Select(h => new Entry(
                $"{h.Kind}-{h.Url[(h.Url.LastIndexOf('/') + 1)..]}", h.Kind, h.Code is null || h.Title.Contains(h.Code, StringComparison.Ordinal) ? h.Title : $"{h.Code} {h.Title}",
                h.Url, null, DateOnly.TryParseExact(h.Date, "d MMMM yyyy", English, DateTimeStyles.None, out var d) ? d : null))]);
        }

        /// <summary>Everything new (articles, policies, standards), or what is new in a sector; null when the sector does not exist.</summary>
        private async Task<Result?> NewFeedAsync(string? sectorSlug, CancellationToken ct)
        {
            string title = "SesecPortal: everything new", home = addresses.Home;
            int? sectorId = null;
            if (sectorSlug is not null)
            {
                var sector = await db.Sectors.AsNoTracking().Where(s => s.Slug == sectorSlug).Select(s => new { s.Id, s.Name, s.Slug }).SingleOrDefaultAsync(ct);
                if (sector is null)
                {
                    return null;
                }

                (title, home, sectorId) = ($"SesecPortal: {sector.Name}", addresses.Page(new ItemRef(ItemKind.Sector, sector.Slug)), sector.Id);
            }

            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var articles = await db.Articles.AsNoTracking()
                .Where(a => a.Status == PublicationStatus.Published && (sectorId == null || a.Sectors.Any(s => s.Id == sectorId)))
                .OrderByDescending(a => a.PublishedOn).ThenByDescending(a => a.Id).Take(Size)
                .Select(a => new { a.Slug, a.Title, a.Summary, Date = a.PublishedOn ?? a.EventDate }).ToListAsync(ct);
            var policyRows = await db.Policies.AsNoTracking()
                .Where(p => p.IssuedOn != null && (sectorId == null || p.Sectors.Any(s => s.Id == sectorId)))
                .OrderByDescending(p => p.IssuedOn).ThenByDescending(p => p.Id).Take(Size)
                .Select(p => new { p.Slug, p.Title, p.TitleZh, p.VersionKind, p.Summary, p.IssuedOn }).ToListAsync(ct);
            // A later version of a policy says what it is ("Final text: ..."); the Chinese title follows the English one.
            var policies = policyRows.Select(p => new Entry("policy-" + p.Slug, "policy",
                (p.VersionKind is { } kind ? PolicyVersionKinds.Label(kind) + ": " : "") + p.Title + (p.TitleZh is null ? "" : $" ({p.TitleZh})"),
                addresses.Page(new ItemRef(ItemKind.Policy, p.Slug)), p.Summary, p.IssuedOn)).ToList();
            var standards = await db.Standards.AsNoTracking()
                .Where(s => s.PublishedOn != null && s.PublishedOn <= today && (sectorId == null || s.Sectors.Any(x => x.Id == sectorId)))
                .OrderByDescending(s => s.PublishedOn).ThenByDescending(s => s.Id).Take(Size)
                .Select(s => new { s.Slug, s.Code, s.TitleEn, s.Summary, s.PublishedOn, Ics = s.Ics.Select(g => g.Code).ToList(), s.CcsCode })
                .ToListAsync(ct);
            var standardEntries = standards.Select(s => new Entry("standard-" + s.Slug, "standard", s.Code == null ? s.TitleEn : s.Code + " " + s.TitleEn,
                addresses.Page(new ItemRef(ItemKind.Standard, s.Slug)), s.Summary, s.PublishedOn) { Categories = CategoriesOf(s.Ics, s.CcsCode) });
            return new Result(title, home, [.. articles.Select(a => new Entry("article-" + a.Slug, "article", a.Title, addresses.Page(new ItemRef(ItemKind.Article, a.Slug)), a.Summary, a.Date))
                .Concat(policies).Concat(standardEntries).OrderByDescending(e => e.Date).Take(Size)]);
        }

        /// <summary>
        /// The newest standards of a group and its sub-groups, as the finder filters them (from the search index); only
        /// the entries' summaries and classification are read from PostgreSQL.
        /// </summary>
        private async Task<Result?> IcsFeedAsync(string code, CancellationToken ct)
        {
            if (Classification.FindIcs(code) is not { } group)
            {
                return null;
            }

            var request = new SesecPortal.Search.SearchRequest
            {
                Filters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
                {
                    ["kind"] = [SearchDocuments.KindName(ItemKind.Standard)],
                    [ClassificationFacets.IcsFacet] = [group.Code],
                },
                Sort = SesecPortal.Search.SearchSort.Newest,
                PageSize = Size,
                Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
            };
            var found = await search.SearchAsync(request, ct);

            var ids = found.Hits.Select(h => h.Id).ToList();
            var rows = await db.Standards.AsNoTracking().Where(s => ids.Contains(s.Id))
                .Select(s => new { s.Id, s.Slug, s.Code, s.TitleEn, s.Summary, s.PublishedOn, s.EffectiveOn, s.DraftedOn, Ics = s.Ics.Select(g => g.Code).ToList(), s.CcsCode })
                .ToListAsync(ct);
            var entries = rows.OrderBy(r => ids.IndexOf(r.Id)).Select(s => new Entry("standard-" + s.Slug, "standard",
                s.Code == null ? s.TitleEn : s.Code + " " + s.TitleEn, addresses.Page(new ItemRef(ItemKind.Standard, s.Slug)), s.Summary, s.PublishedOn ?? s.EffectiveOn ?? s.DraftedOn)
            {
                Categories = CategoriesOf(s.Ics, s.CcsCode),
            });
            return new Result($"SesecPortal: ICS {group.Code} {group.Title}", addresses.IcsGroup(group.Code), [.. entries]);
        }
    }
}
