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

        /// <summary>What this standard replaced, and what those replaced, nearest first (Detail: "replaced by ...").</summary>
        public IReadOnlyList<ChainLink> Predecessors { get; init; } = [];

        /// <summary>What replaced this standard, then what replaced that, to the current one.</summary>
        public IReadOnlyList<ChainLink> Successors { get; init; } = [];

        public GetRelations.Result Relations { get; init; } = new([]);

        /// <summary>Its ICS groups: the code (as the slug of <c>/ics/{code}</c>) and ISO's title.</summary>
        public IReadOnlyList<Link> Ics { get; init; } = [];

        /// <summary>Its CCS code (<c>L80</c>) and the name of its class.</summary>
        public string? Ccs { get; init; }

        public string? CcsClass { get; init; }
    }

    public sealed record PlanNumber(string Code, Link? Record);

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
                    s.PublishedOn, s.EffectiveOn, s.WithdrawnOn, s.AdoptedCode, s.AdoptionDegree, s.Summary, s.PlanCode, s.PlanCodeKey,
                    Committee = s.Committee == null ? null : new Link(s.Committee.Slug, s.Committee.Name, s.Committee.Code),
                    Issuer = s.Issuer == null ? null : new Link(s.Issuer.Slug, s.Issuer.Name, s.Issuer.Abbreviation),
                    ReplacedBy = s.ReplacedBy == null ? null : new { s.ReplacedBy.Slug, Label = s.ReplacedBy.Code ?? s.ReplacedBy.TitleEn, s.ReplacedBy.TitleEn, s.ReplacedBy.PublishedOn, s.ReplacedBy.EffectiveOn },
                    Replaces = s.Replaces.OrderBy(r => r.NormalizedCode).Select(r => new Link(r.Slug, r.Code ?? r.TitleEn, r.TitleEn)).ToList(),
                    Sectors = s.Sectors.OrderBy(x => x.Position).Select(x => new Link(x.Slug, x.Name, null)).ToList(),
                    Events = s.Events.OrderBy(e => e.On).Select(e => new StandardTimeline.Stored(e.Kind, e.On, e.Note)).ToList(),
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
            PlanNumber? draftedUnder = null;
            if (s.Level == StandardLevel.NationalPlan && s.CodeKey is not null)
            {
                became = await db.Standards.AsNoTracking().Where(x => x.PlanCodeKey == s.CodeKey && x.Id != s.Id)
                    .OrderBy(x => x.PublishedOn).ThenBy(x => x.Id)
                    .Select(x => new Link(x.Slug, x.Code ?? x.TitleEn, x.TitleEn)).FirstOrDefaultAsync(cancellationToken);
            }

            if (s.PlanCode is not null)
            {
                var record = await db.Standards.AsNoTracking().Where(x => x.CodeKey == s.PlanCodeKey && x.Id != s.Id)
                    .Select(x => new Link(x.Slug, x.Code ?? x.TitleEn, x.TitleEn)).FirstOrDefaultAsync(cancellationToken);
                draftedUnder = new PlanNumber(StandardCode.Normalize(s.PlanCode) ?? s.PlanCode, record);
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
            ChainLink Link(SupersessionChain.Row c) => new(
                c.Generation, new Link(c.Slug, c.Code ?? c.TitleEn, c.TitleEn), Format(c.EffectiveOn ?? c.PublishedOn),
                chain.FirstOrDefault(x => x.Slug == c.ReplacedBySlug) is { } by ? by.Code ?? by.TitleEn : c.ReplacedBySlug == s.Slug ? s.Code ?? s.TitleEn : null);

            return new Result(
                s.Slug, s.Code, s.NormalizedCode, s.Level is { } l ? Labels.Of(l) : null, s.TitleEn, s.TitleZh,
                StandardLifecycle.Describe(s.Status, s.EffectiveOn, s.WithdrawnOn, replacement?.TakesOverOn, replacement?.Label, today),
                Format(s.DraftedOn), Format(s.CommentDeadline), Format(s.PublishedOn), Format(s.EffectiveOn), Format(s.WithdrawnOn),
                Adoption.Describe(s.Code, s.AdoptedCode, s.AdoptionDegree), markdown.ToHtml(s.Summary), s.Committee, s.Issuer,
                replacement is null ? null : new Link(replacement.Slug, replacement.Label, s.ReplacedBy!.TitleEn), s.Replaces, s.Sectors,
                [.. workItems.Select(i => new Link(i.Slug, i.Name, i.Stage == WorkItemStage.Achievement ? "Achievement" : "Ongoing work"))],
                articles, requirements.Targets)
            {
                Timeline = timeline,
                Became = became,
                DraftedUnder = draftedUnder,
                Predecessors = [.. chain.Where(c => c.Generation < 0).OrderByDescending(c => c.Generation).Select(Link)],
                Successors = [.. chain.Where(c => c.Generation > 0).Select(Link)],
                Relations = relations,
                Ics = s.Ics,
                Ccs = s.CcsCode,
                CcsClass = s.CcsCode is { } ccs && Classification.FindCcsClass(ccs[..1]) is { } c ? FindStandards.CcsLabel(c) : null,
            };
        }
    }
}
