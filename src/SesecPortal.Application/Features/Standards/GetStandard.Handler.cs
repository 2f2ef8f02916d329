using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Relations;

namespace SesecPortal.Application.Features.Standards;

public static partial class GetStandard
{
    public sealed class Handler(PortalDbContext db, MarkdownRenderer markdown, TimeProvider clock, IMediator mediator) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            if (await StandardRow.Project(db.Standards.AsNoTracking().Where(s => s.Slug == query.Slug)).AsSplitQuery().SingleOrDefaultAsync(ct) is not { } s)
            {
                return null;
            }

            var workItems = (await db.WorkItems.AsNoTracking().Where(i => i.StandardId == s.Id)
                .OrderBy(i => i.WorkingGroup!.Position)
                .Select(i => new { i.WorkingGroup!.Slug, i.WorkingGroup.Name, i.Stage })
                .ToListAsync(ct))
                .Select(i => new Link(i.Slug, i.Name, i.Stage == WorkItemStage.Achievement ? "Achievement" : "Ongoing work")).ToList();
            var articles = await db.Articles.AsNoTracking()
                .Where(a => a.Status == PublicationStatus.Published && a.Standards.Any(x => x.Id == s.Id))
                .OrderByDescending(a => a.PublishedOn).ThenBy(a => a.Title)
                .Select(a => new Link(a.Slug, a.Title, null))
                .ToListAsync(ct);
            var (became, becamePublishedOn, draftedUnder) = await PlanLinksAsync(s, ct);
            var adoptedItems = await AdoptedItemsAsync(s, ct);
            var adoptedBy = await AdoptedByAsync(s, ct);
            var chain = await SupersessionChain.LoadAsync(db, s.Id, ct);
            var relations = await mediator.Send(new GetRelations.Query(ItemKind.Standard, s.Id), ct);
            var requirements = await mediator.Send(new Targets.ListTargets.Query(StandardId: s.Id), ct);
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            ChainLink Link(SupersessionChain.Row c) => new(
                c.Generation, new Link(c.Slug, c.Code ?? c.TitleEn, c.TitleEn), Format(c.EffectiveOn ?? c.PublishedOn),
                chain.FirstOrDefault(x => x.Slug == c.ReplacedBySlug) is { } by ? by.Code ?? by.TitleEn : c.ReplacedBySlug == s.Slug ? s.Code ?? s.TitleEn : null);

            return Describe(s, workItems, articles, requirements.Targets, today) with
            {
                Became = became,
                DraftedUnder = draftedUnder,
                Plan = PlanOf(s, s.Level == StandardLevel.NationalPlan ? becamePublishedOn ?? s.PublishedOn : s.PublishedOn, today),
                Predecessors = [.. chain.Where(c => c.Generation < 0).OrderByDescending(c => c.Generation).Select(Link)],
                Successors = [.. chain.Where(c => c.Generation > 0).Select(Link)],
                Relations = relations,
                Adoptions = [.. s.Adoptions.Select(a => new AdoptionEntry(
                    a.Code, Adoption.Designation(s.Code, a.Code) ?? a.Code, a.Degree is { } d ? Adoption.Abbreviation(d) : null,
                    a.Degree is { } g ? Adoption.Label(g) : null, adoptedItems.GetValueOrDefault(a.CodeKey)))],
                AdoptedBy = adoptedBy,
            };
        }

        /// <summary>What the standard's own row says, on its page.</summary>
        private Result Describe(StandardRow s, List<Link> workItems, List<Link> articles, IReadOnlyList<Targets.TargetRow> requirements, DateOnly today)
        {
            var replacement = s.ReplacedBy is { } r ? new StandardTimeline.Replacement(r.Slug, r.Label, r.PublishedOn, r.EffectiveOn) : null;
            return new Result(
                s.Slug, s.Code, s.NormalizedCode, s.Level is { } l ? Labels.Of(l) : null, s.TitleEn, s.TitleZh,
                StandardLifecycle.Describe(s.Status, s.EffectiveOn, s.WithdrawnOn, replacement?.TakesOverOn, replacement?.Label, today),
                Format(s.DraftedOn), Format(s.CommentDeadline), Format(s.PublishedOn), Format(s.EffectiveOn), Format(s.WithdrawnOn),
                s.Adoptions.Count == 0 ? null : string.Join("; ", Adoption.DescribeAll(s.Code, s.Adoptions.Select(a => (a.Code, a.Degree)))),
                markdown.ToHtml(s.Summary), s.Committee, s.Issuer,
                replacement is null ? null : new Link(replacement.Slug, replacement.Label, s.ReplacedBy!.TitleEn), s.Replaces, s.Sectors,
                workItems, articles, requirements)
            {
                Timeline = StandardTimeline.For(
                    new StandardTimeline.Facts(s.Code, s.PlanCode, s.DraftedOn, s.CommentDeadline, s.PublishedOn, s.EffectiveOn, s.WithdrawnOn, replacement, s.Events),
                    today),
                Official = new OfficialLinks(s.RecordUrl, s.FullTextUrl, s.PurchaseUrl),
                DraftingOrganisations = s.DraftingOrganisations,
                Drafters = s.Drafters,
                CompetentDepartment = s.CompetentDepartment,
                EditionNoteHtml = s.EditionNote is null ? "" : markdown.ToHtml(s.EditionNote),
                SuccessorNoteHtml = s.ReplacedBy?.EditionNote is { } note ? markdown.ToHtml(note) : "",
                Ics = s.Ics,
                Ccs = s.CcsCode,
                CcsClass = s.CcsCode is { } ccs && Classification.FindCcsClass(ccs[..1]) is { } c ? ClassificationFacets.CcsLabel(c) : null,
            };
        }

        /// <summary>Its national plan (its own code for a plan record, else the plan it was drafted under), or null.</summary>
        private static PlanDetails? PlanOf(StandardRow s, DateOnly? publishedOn, DateOnly today) =>
            (NationalPlan.Parse(s.Code) ?? NationalPlan.Parse(s.PlanCode)) is not { } plan ? null : new PlanDetails(
                plan.Number, plan.Year, plan.NatureLabel, plan.DepartmentCode, Format(s.PlanDeadline), NationalPlan.IsOverdue(s.PlanDeadline, publishedOn, today),
                NationalPlan.Stages(s.DraftedOn, publishedOn, s.Events, today));

        /// <summary>
        /// Plan number and standard point at each other through the plan code's key: a plan record finds what it became; a
        /// standard finds its plan's record (if the portal has one).
        /// </summary>
        private async Task<(Link? Became, DateOnly? BecamePublishedOn, PlanNumber? DraftedUnder)> PlanLinksAsync(StandardRow s, CancellationToken ct)
        {
            Link? became = null;
            DateOnly? becamePublishedOn = null;
            PlanNumber? draftedUnder = null;
            if (s.Level == StandardLevel.NationalPlan && s.CodeKey is not null)
            {
                var standard = await db.Standards.AsNoTracking().Where(x => x.PlanCodeKey == s.CodeKey && x.Id != s.Id)
                    .OrderBy(x => x.PublishedOn).ThenBy(x => x.Id)
                    .Select(x => new { Link = new Link(x.Slug, x.Code ?? x.TitleEn, x.TitleEn), x.PublishedOn }).FirstOrDefaultAsync(ct);
                became = standard?.Link;
                becamePublishedOn = standard?.PublishedOn;
            }

            if (s.PlanCode is not null)
            {
                var record = await db.Standards.AsNoTracking().Where(x => x.CodeKey == s.PlanCodeKey && x.Id != s.Id)
                    .Select(x => new Link(x.Slug, x.Code ?? x.TitleEn, x.TitleEn)).FirstOrDefaultAsync(ct);
                draftedUnder = new PlanNumber(StandardCode.Normalize(s.PlanCode) ?? s.PlanCode, record);
            }

            return (became, becamePublishedOn, draftedUnder);
        }

        /// <summary>The adopted standards the portal holds, by their key.</summary>
        private async Task<Dictionary<string, Link>> AdoptedItemsAsync(StandardRow s, CancellationToken ct)
        {
            var adoptedKeys = s.Adoptions.Select(a => a.CodeKey).Distinct().ToList();
            var adoptedItems = new Dictionary<string, Link>(StringComparer.Ordinal);
            if (adoptedKeys.Count > 0)
            {
                foreach (var x in await db.Standards.AsNoTracking()
                    .Where(x => x.CodeKey != null && adoptedKeys.Contains(x.CodeKey) && x.Id != s.Id)
                    .Select(x => new { x.CodeKey, x.Slug, x.Code, x.TitleEn }).ToListAsync(ct))
                {
                    adoptedItems[x.CodeKey!] = new Link(x.Slug, x.Code ?? x.TitleEn, x.TitleEn);
                }
            }

            return adoptedItems;
        }

        /// <summary>For an international standard: the Chinese standards that adopt it.</summary>
        private async Task<List<AdoptedBy>> AdoptedByAsync(StandardRow s, CancellationToken ct)
        {
            var adoptedBy = new List<AdoptedBy>();
            if (s.Level == StandardLevel.International && s.CodeKey is not null)
            {
                var adopters = await db.StandardAdoptions.AsNoTracking().Where(a => a.CodeKey == s.CodeKey && a.StandardId != s.Id)
                    .Join(db.Standards, a => a.StandardId, x => x.Id,
                        (a, x) => new { x.Slug, StandardCode = x.Code, x.TitleEn, x.NormalizedCode, AdoptedCode = a.Code, a.Degree })
                    .OrderBy(x => x.NormalizedCode).ThenBy(x => x.Slug)
                    .ToListAsync(ct);
                adoptedBy.AddRange(adopters.Select(a => new AdoptedBy(
                    new Link(a.Slug, a.StandardCode ?? a.TitleEn, a.TitleEn), Adoption.Designation(a.StandardCode, a.AdoptedCode) ?? a.AdoptedCode,
                    a.Degree is { } d ? Adoption.Abbreviation(d) : null)));
            }

            return adoptedBy;
        }

        private static string? Format(DateOnly? d) => d is { } v ? PartialDate.Format(v) : null;
    }

    /// <summary>What the page needs of the standard's own row and lists, read in one query (its lists split off).</summary>
    private sealed class StandardRow
    {
        public int Id { get; init; }
        public required string Slug { get; init; }
        public string? Code { get; init; }
        public string? NormalizedCode { get; init; }
        public string? CodeKey { get; init; }
        public StandardLevel? Level { get; init; }
        public required string TitleEn { get; init; }
        public string? TitleZh { get; init; }
        public StandardStatus Status { get; init; }
        public DateOnly? DraftedOn { get; init; }
        public DateOnly? CommentDeadline { get; init; }
        public DateOnly? PublishedOn { get; init; }
        public DateOnly? EffectiveOn { get; init; }
        public DateOnly? WithdrawnOn { get; init; }
        public string? Summary { get; init; }
        public string? PlanCode { get; init; }
        public string? PlanCodeKey { get; init; }
        public DateOnly? PlanDeadline { get; init; }
        public string? RecordUrl { get; init; }
        public string? FullTextUrl { get; init; }
        public string? PurchaseUrl { get; init; }
        public string? EditionNote { get; init; }
        public required List<string> DraftingOrganisations { get; init; }
        public required List<string> Drafters { get; init; }
        public string? CompetentDepartment { get; init; }
        public required List<AdoptionRow> Adoptions { get; init; }
        public Link? Committee { get; init; }
        public Link? Issuer { get; init; }
        public ReplacementRow? ReplacedBy { get; init; }
        public required List<Link> Replaces { get; init; }
        public required List<Link> Sectors { get; init; }
        public required List<StandardTimeline.Stored> Events { get; init; }
        public required List<Link> Ics { get; init; }
        public string? CcsCode { get; init; }

        public static IQueryable<StandardRow> Project(IQueryable<Standard> standards) => standards.Select(s => new StandardRow
        {
            Id = s.Id, Slug = s.Slug, Code = s.Code, NormalizedCode = s.NormalizedCode, CodeKey = s.CodeKey, Level = s.Level, TitleEn = s.TitleEn,
            TitleZh = s.TitleZh, Status = s.Status, DraftedOn = s.DraftedOn, CommentDeadline = s.CommentDeadline, PublishedOn = s.PublishedOn,
            EffectiveOn = s.EffectiveOn, WithdrawnOn = s.WithdrawnOn, Summary = s.Summary, PlanCode = s.PlanCode, PlanCodeKey = s.PlanCodeKey,
            PlanDeadline = s.PlanDeadline, RecordUrl = s.RecordUrl, FullTextUrl = s.FullTextUrl, PurchaseUrl = s.PurchaseUrl, EditionNote = s.EditionNote,
            DraftingOrganisations = s.DraftingOrganisations, Drafters = s.Drafters, CompetentDepartment = s.CompetentDepartment,
            Adoptions = s.Adoptions.OrderBy(a => a.Position).Select(a => new AdoptionRow { Code = a.Code, CodeKey = a.CodeKey, Degree = a.Degree }).ToList(),
            Committee = s.Committee == null ? null : new Link(s.Committee.Slug, s.Committee.Name, s.Committee.Code),
            Issuer = s.Issuer == null ? null : new Link(s.Issuer.Slug, s.Issuer.Name, s.Issuer.Abbreviation),
            ReplacedBy = s.ReplacedBy == null ? null : new ReplacementRow
            {
                Slug = s.ReplacedBy.Slug, Label = s.ReplacedBy.Code ?? s.ReplacedBy.TitleEn, TitleEn = s.ReplacedBy.TitleEn,
                PublishedOn = s.ReplacedBy.PublishedOn, EffectiveOn = s.ReplacedBy.EffectiveOn, EditionNote = s.ReplacedBy.EditionNote,
            },
            Replaces = s.Replaces.OrderBy(r => r.NormalizedCode).Select(r => new Link(r.Slug, r.Code ?? r.TitleEn, r.TitleEn)).ToList(),
            Sectors = s.Sectors.OrderBy(x => x.Position).Select(x => new Link(x.Slug, x.Name, null)).ToList(),
            Events = s.Events.OrderBy(e => e.On).Select(e => new StandardTimeline.Stored(e.Kind, e.On, e.Note, e.Number, e.Conclusion)).ToList(),
            Ics = s.Ics.OrderBy(g => g.Code).Select(g => new Link(g.Code, g.TitleEn, null)).ToList(),
            CcsCode = s.CcsCode,
        });
    }

    private sealed class AdoptionRow
    {
        public required string Code { get; init; }
        public required string CodeKey { get; init; }
        public AdoptionDegree? Degree { get; init; }
    }

    private sealed class ReplacementRow
    {
        public required string Slug { get; init; }
        public required string Label { get; init; }
        public required string TitleEn { get; init; }
        public DateOnly? PublishedOn { get; init; }
        public DateOnly? EffectiveOn { get; init; }
        public string? EditionNote { get; init; }
    }
}
