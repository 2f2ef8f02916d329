using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Relations;

namespace SesecPortal.Application.Features.Standards;

public static class GetStandard
{
    public sealed record Query(string Slug) : IQuery<Result?>;

    public sealed record Result(
        string Slug, string? Code, string? NormalizedCode, string? Level, string TitleEn, string? TitleZh,
        string Status, string? DraftedOn, string? CommentDeadline, string? PublishedOn, string? EffectiveOn, string? WithdrawnOn,
        string? Adoption, string SummaryHtml,
        Link? Committee, Link? Issuer, Link? ReplacedBy, IReadOnlyList<Link> Replaces, IReadOnlyList<Link> Sectors,
        IReadOnlyList<Link> WorkItems, IReadOnlyList<Link> Articles, IReadOnlyList<Targets.TargetRow> Requirements)
    {
        /// <summary>The standard's life, dated, each entry past or to come.</summary>
        public IReadOnlyList<StandardTimeline.Entry> Timeline { get; init; } = [];

        /// <summary>For a plan-number record: the published standard drafted under this plan number.</summary>
        public Link? Became { get; init; }

        /// <summary>For a published standard: the plan number it was drafted under, linked to the plan's record when there is one.</summary>
        public PlanNumber? DraftedUnder { get; init; }

        /// <summary>Its national plan (its own code for a plan record, else the plan it was drafted under): null when none.</summary>
        public PlanDetails? Plan { get; init; }

        /// <summary>What this standard replaced, and what those replaced, nearest first (Detail: "replaced by ...").</summary>
        public IReadOnlyList<ChainLink> Predecessors { get; init; } = [];

        /// <summary>What replaced this standard, then what replaced that, to the current one.</summary>
        public IReadOnlyList<ChainLink> Successors { get; init; } = [];

        public GetRelations.Result Relations { get; init; } = new([]);

        /// <summary>The international or foreign standards it adopts, each written as the national platform writes it.</summary>
        public IReadOnlyList<AdoptionEntry> Adoptions { get; init; } = [];

        /// <summary>For a standard the portal holds as an international or foreign one: the Chinese standards that adopt it.</summary>
        public IReadOnlyList<AdoptedBy> AdoptedBy { get; init; } = [];

        /// <summary>Its record on the national platform, its full text and where to buy it: each null when not known.</summary>
        public OfficialLinks Official { get; init; } = new(null, null, null);

        public IReadOnlyList<string> DraftingOrganisations { get; init; } = [];
        public IReadOnlyList<string> Drafters { get; init; } = [];
        /// <summary>The competent department (主管部门).</summary>
        public string? CompetentDepartment { get; init; }

        /// <summary>This edition's note on what changed from the one(s) it replaced, as HTML; empty when none.</summary>
        public string EditionNoteHtml { get; init; } = "";

        /// <summary>For a replaced edition: the note of the edition that replaced it, as HTML; empty when none.</summary>
        public string SuccessorNoteHtml { get; init; } = "";

        /// <summary>Its ICS groups: the code (as the slug of <c>/ics/{code}</c>) and ISO's title.</summary>
        public IReadOnlyList<Link> Ics { get; init; } = [];

        /// <summary>Its CCS code (<c>L80</c>) and the name of its class.</summary>
        public string? Ccs { get; init; }

        public string? CcsClass { get; init; }
    }

    /// <param name="Designation">As the platform writes it: <c>GB/T 19001—2016/ISO 9001:2015</c>.</param>
    /// <param name="Degree">IDT, MOD or NEQ; null when not recorded.</param>
    /// <param name="Adopted">The adopted standard's page, when the portal holds it.</param>
    public sealed record AdoptionEntry(string Code, string Designation, string? Degree, string? DegreeLabel, Link? Adopted);

    /// <param name="Degree">IDT, MOD or NEQ; null when not recorded.</param>
    public sealed record AdoptedBy(Link Standard, string Designation, string? Degree);

    public sealed record OfficialLinks(string? RecordUrl, string? FullTextUrl, string? PurchaseUrl)
    {
        public bool Any => RecordUrl is not null || FullTextUrl is not null || PurchaseUrl is not null;
    }

    public sealed record PlanNumber(string Code, Link? Record);

    /// <param name="DepartmentCode">The last three digits of the plan number: the competent department's code.</param>
    /// <param name="Deadline">When the plan is due (formatted); null when not recorded.</param>
    /// <param name="Overdue">The deadline has passed without publication.</param>
    public sealed record PlanDetails(string Number, int Year, string Nature, string DepartmentCode, string? Deadline, bool Overdue,
        IReadOnlyList<NationalPlan.Stage> Stages);

    /// <param name="Generation">-1: replaced directly by this standard, -2: by one of those...; 1: replaced this one, 2: replaced that...</param>
    public sealed record ChainLink(int Generation, Link Standard, string? Date, string? ReplacedBy);

    public sealed class Handler(PortalDbContext db, MarkdownRenderer markdown, TimeProvider clock, IMediator mediator) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken cancellationToken)
        {
            var s = await db.Standards.AsNoTracking().Where(s => s.Slug == query.Slug)
                .Select(s => new
                {
                    s.Id, s.Slug, s.Code, s.NormalizedCode, s.CodeKey, s.Level, s.TitleEn, s.TitleZh, s.Status, s.DraftedOn, s.CommentDeadline,
                    s.PublishedOn, s.EffectiveOn, s.WithdrawnOn, s.Summary, s.PlanCode, s.PlanCodeKey, s.PlanDeadline,
                    s.RecordUrl, s.FullTextUrl, s.PurchaseUrl, s.EditionNote, s.DraftingOrganisations, s.Drafters, s.CompetentDepartment,
                    Adoptions = s.Adoptions.OrderBy(a => a.Position).Select(a => new { a.Code, a.CodeKey, a.Degree }).ToList(),
                    Committee = s.Committee == null ? null : new Link(s.Committee.Slug, s.Committee.Name, s.Committee.Code),
                    Issuer = s.Issuer == null ? null : new Link(s.Issuer.Slug, s.Issuer.Name, s.Issuer.Abbreviation),
                    ReplacedBy = s.ReplacedBy == null ? null : new { s.ReplacedBy.Slug, Label = s.ReplacedBy.Code ?? s.ReplacedBy.TitleEn, s.ReplacedBy.TitleEn, s.ReplacedBy.PublishedOn, s.ReplacedBy.EffectiveOn, s.ReplacedBy.EditionNote },
                    Replaces = s.Replaces.OrderBy(r => r.NormalizedCode).Select(r => new Link(r.Slug, r.Code ?? r.TitleEn, r.TitleEn)).ToList(),
                    Sectors = s.Sectors.OrderBy(x => x.Position).Select(x => new Link(x.Slug, x.Name, null)).ToList(),
                    Events = s.Events.OrderBy(e => e.On).Select(e => new StandardTimeline.Stored(e.Kind, e.On, e.Note, e.Number, e.Conclusion)).ToList(),
                    Ics = s.Ics.OrderBy(g => g.Code).Select(g => new Link(g.Code, g.TitleEn, null)).ToList(),
                    s.CcsCode,
                })
                .AsSplitQuery()
                .SingleOrDefaultAsync(cancellationToken);
            if (s is null)
            {
                return null;
            }

            var workItems = await db.WorkItems.AsNoTracking().Where(i => i.StandardId == s.Id)
                .OrderBy(i => i.WorkingGroup!.Position)
                .Select(i => new { i.WorkingGroup!.Slug, i.WorkingGroup.Name, i.Stage })
                .ToListAsync(cancellationToken);
            var articles = await db.Articles.AsNoTracking()
                .Where(a => a.Status == PublicationStatus.Published && a.Standards.Any(x => x.Id == s.Id))
                .OrderByDescending(a => a.PublishedOn).ThenBy(a => a.Title)
                .Select(a => new Link(a.Slug, a.Title, null))
                .ToListAsync(cancellationToken);

            // Plan number and standard point at each other through the plan code's key: a plan record finds what it
            // became; a standard finds its plan's record (if the portal has one).
            Link? became = null;
            DateOnly? becamePublishedOn = null;
            PlanNumber? draftedUnder = null;
            if (s.Level == StandardLevel.NationalPlan && s.CodeKey is not null)
            {
                var standard = await db.Standards.AsNoTracking().Where(x => x.PlanCodeKey == s.CodeKey && x.Id != s.Id)
                    .OrderBy(x => x.PublishedOn).ThenBy(x => x.Id)
                    .Select(x => new { Link = new Link(x.Slug, x.Code ?? x.TitleEn, x.TitleEn), x.PublishedOn }).FirstOrDefaultAsync(cancellationToken);
                became = standard?.Link;
                becamePublishedOn = standard?.PublishedOn;
            }

            if (s.PlanCode is not null)
            {
                var record = await db.Standards.AsNoTracking().Where(x => x.CodeKey == s.PlanCodeKey && x.Id != s.Id)
                    .Select(x => new Link(x.Slug, x.Code ?? x.TitleEn, x.TitleEn)).FirstOrDefaultAsync(cancellationToken);
                draftedUnder = new PlanNumber(StandardCode.Normalize(s.PlanCode) ?? s.PlanCode, record);
            }

            // Adopted standards the portal holds, by their key; and, for an international standard, who adopts it.
            var adoptedKeys = s.Adoptions.Select(a => a.CodeKey).Distinct().ToList();
            var adoptedItems = new Dictionary<string, Link>(StringComparer.Ordinal);
            if (adoptedKeys.Count > 0)
            {
                foreach (var x in await db.Standards.AsNoTracking()
                    .Where(x => x.CodeKey != null && adoptedKeys.Contains(x.CodeKey) && x.Id != s.Id)
                    .Select(x => new { x.CodeKey, x.Slug, x.Code, x.TitleEn }).ToListAsync(cancellationToken))
                {
                    adoptedItems[x.CodeKey!] = new Link(x.Slug, x.Code ?? x.TitleEn, x.TitleEn);
                }
            }

            var adoptedBy = new List<AdoptedBy>();
            if (s.Level == StandardLevel.International && s.CodeKey is not null)
            {
                var adopters = await db.StandardAdoptions.AsNoTracking().Where(a => a.CodeKey == s.CodeKey && a.StandardId != s.Id)
                    .Join(db.Standards, a => a.StandardId, x => x.Id,
                        (a, x) => new { x.Slug, StandardCode = x.Code, x.TitleEn, x.NormalizedCode, AdoptedCode = a.Code, a.Degree })
                    .OrderBy(x => x.NormalizedCode).ThenBy(x => x.Slug)
                    .ToListAsync(cancellationToken);
                adoptedBy.AddRange(adopters.Select(a => new AdoptedBy(
                    new Link(a.Slug, a.StandardCode ?? a.TitleEn, a.TitleEn), Adoption.Designation(a.StandardCode, a.AdoptedCode) ?? a.AdoptedCode,
                    a.Degree is { } d ? Adoption.Abbreviation(d) : null)));
            }

            var chain = await SupersessionChain.LoadAsync(db, s.Id, cancellationToken);
            var relations = await mediator.Send(new GetRelations.Query(ItemKind.Standard, s.Id), cancellationToken);
            var requirements = await mediator.Send(new Targets.ListTargets.Query(StandardId: s.Id), cancellationToken);

            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            string? Format(DateOnly? d) => d is { } v ? PartialDate.Format(v) : null;
            var replacement = s.ReplacedBy is { } r ? new StandardTimeline.Replacement(r.Slug, r.Label, r.PublishedOn, r.EffectiveOn) : null;
            var timeline = StandardTimeline.For(
                new StandardTimeline.Facts(s.Code, s.PlanCode, s.DraftedOn, s.CommentDeadline, s.PublishedOn, s.EffectiveOn, s.WithdrawnOn, replacement, s.Events),
                today);
            var plan = NationalPlan.Parse(s.Code) ?? NationalPlan.Parse(s.PlanCode);
            var publishedOn = s.Level == StandardLevel.NationalPlan ? becamePublishedOn ?? s.PublishedOn : s.PublishedOn;
            var planDetails = plan is null ? null : new PlanDetails(
                plan.Number, plan.Year, plan.NatureLabel, plan.DepartmentCode, Format(s.PlanDeadline), NationalPlan.IsOverdue(s.PlanDeadline, publishedOn, today),
                NationalPlan.Stages(s.DraftedOn, publishedOn, s.Events, today));
            ChainLink Link(SupersessionChain.Row c) => new(
                c.Generation, new Link(c.Slug, c.Code ?? c.TitleEn, c.TitleEn), Format(c.EffectiveOn ?? c.PublishedOn),
                chain.FirstOrDefault(x => x.Slug == c.ReplacedBySlug) is { } by ? by.Code ?? by.TitleEn : c.ReplacedBySlug == s.Slug ? s.Code ?? s.TitleEn : null);

            return new Result(
                s.Slug, s.Code, s.NormalizedCode, s.Level is { } l ? Labels.Of(l) : null, s.TitleEn, s.TitleZh,
                StandardLifecycle.Describe(s.Status, s.EffectiveOn, s.WithdrawnOn, replacement?.TakesOverOn, replacement?.Label, today),
                Format(s.DraftedOn), Format(s.CommentDeadline), Format(s.PublishedOn), Format(s.EffectiveOn), Format(s.WithdrawnOn),
                s.Adoptions.Count == 0 ? null : string.Join("; ", Adoption.DescribeAll(s.Code, s.Adoptions.Select(a => (a.Code, a.Degree)))),
                markdown.ToHtml(s.Summary), s.Committee, s.Issuer,
                replacement is null ? null : new Link(replacement.Slug, replacement.Label, s.ReplacedBy!.TitleEn), s.Replaces, s.Sectors,
                [.. workItems.Select(i => new Link(i.Slug, i.Name, i.Stage == WorkItemStage.Achievement ? "Achievement" : "Ongoing work"))],
                articles, requirements.Targets)
            {
                Timeline = timeline,
                Became = became,
                DraftedUnder = draftedUnder,
                Plan = planDetails,
                Predecessors = [.. chain.Where(c => c.Generation < 0).OrderByDescending(c => c.Generation).Select(Link)],
                Successors = [.. chain.Where(c => c.Generation > 0).Select(Link)],
                Relations = relations,
                Adoptions = [.. s.Adoptions.Select(a => new AdoptionEntry(
                    a.Code, Adoption.Designation(s.Code, a.Code) ?? a.Code, a.Degree is { } d ? Adoption.Abbreviation(d) : null,
                    a.Degree is { } g ? Adoption.Label(g) : null, adoptedItems.GetValueOrDefault(a.CodeKey)))],
                AdoptedBy = adoptedBy,
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
    }
}
