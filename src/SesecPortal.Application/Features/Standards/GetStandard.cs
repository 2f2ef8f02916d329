using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Standards;

public static class GetStandard
{
    public sealed record Query(string Slug) : IQuery<Result?>;

    public sealed record Result(
        string Slug, string? Code, string? NormalizedCode, string? Level, string TitleEn, string? TitleZh,
        string Status, string? DraftedOn, string? CommentDeadline, string? PublishedOn, string? EffectiveOn, string? WithdrawnOn,
        string? Adoption, string SummaryHtml,
        Link? Committee, Link? Issuer, Link? ReplacedBy, IReadOnlyList<Link> Replaces, IReadOnlyList<Link> Sectors,
        IReadOnlyList<Link> WorkItems, IReadOnlyList<Link> Articles, IReadOnlyList<Targets.TargetRow> Requirements);

    public sealed class Handler(PortalDbContext db, MarkdownRenderer markdown, TimeProvider clock, IMediator mediator) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken cancellationToken)
        {
            var s = await db.Standards.AsNoTracking().Where(s => s.Slug == query.Slug)
                .Select(s => new
                {
                    s.Id, s.Slug, s.Code, s.NormalizedCode, s.Level, s.TitleEn, s.TitleZh, s.Status, s.DraftedOn, s.CommentDeadline,
                    s.PublishedOn, s.EffectiveOn, s.WithdrawnOn, s.AdoptedCode, s.AdoptionDegree, s.Summary,
                    Committee = s.Committee == null ? null : new Link(s.Committee.Slug, s.Committee.Name, s.Committee.Code),
                    Issuer = s.Issuer == null ? null : new Link(s.Issuer.Slug, s.Issuer.Name, s.Issuer.Abbreviation),
                    ReplacedBy = s.ReplacedBy == null ? null : new Link(s.ReplacedBy.Slug, s.ReplacedBy.Code ?? s.ReplacedBy.TitleEn, s.ReplacedBy.TitleEn),
                    Replaces = s.Replaces.OrderBy(r => r.NormalizedCode).Select(r => new Link(r.Slug, r.Code ?? r.TitleEn, r.TitleEn)).ToList(),
                    Sectors = s.Sectors.OrderBy(x => x.Position).Select(x => new Link(x.Slug, x.Name, null)).ToList(),
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

            var requirements = await mediator.Send(new Targets.ListTargets.Query(StandardId: s.Id), cancellationToken);
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            string? Format(DateOnly? d) => d is { } v ? PartialDate.Format(v) : null;
            var adoption = s.AdoptedCode is null ? null
                : $"{s.Code}/{s.AdoptedCode}" + (s.AdoptionDegree is { } deg ? $" ({DegreeLabel(deg)})" : "");

            return new Result(
                s.Slug, s.Code, s.NormalizedCode, s.Level is { } l ? Labels.Of(l) : null, s.TitleEn, s.TitleZh,
                StandardLifecycle.Describe(s.Status, s.EffectiveOn, s.WithdrawnOn, today),
                Format(s.DraftedOn), Format(s.CommentDeadline), Format(s.PublishedOn), Format(s.EffectiveOn), Format(s.WithdrawnOn),
                adoption, markdown.ToHtml(s.Summary), s.Committee, s.Issuer, s.ReplacedBy, s.Replaces, s.Sectors,
                [.. workItems.Select(i => new Link(i.Slug, i.Name, i.Stage == WorkItemStage.Achievement ? "Achievement" : "Ongoing work"))],
                articles, requirements.Targets);
        }

        private static string DegreeLabel(AdoptionDegree degree) => degree switch
        {
            AdoptionDegree.Identical => "IDT, identical",
            AdoptionDegree.Modified => "MOD, modified",
            _ => "NEQ, not equivalent",
        };
    }
}
