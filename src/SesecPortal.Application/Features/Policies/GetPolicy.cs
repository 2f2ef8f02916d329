using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Relations;

namespace SesecPortal.Application.Features.Policies;

public static class GetPolicy
{
    public sealed record Query(string Slug) : IQuery<Result?>;

    public sealed record Result(
        string Slug, string Title, string Kind, string Status, string? IssuedOn, string? CommentDeadline, string? DocumentNumber,
        string? CoIssuers, string? SourceUrl, string SummaryHtml,
        IReadOnlyList<Link> Authorities, IReadOnlyList<Link> Sectors, IReadOnlyList<Link> Articles, IReadOnlyList<Targets.TargetRow> Targets)
    {
        /// <summary>Its typed links, its issuing authorities among them.</summary>
        public GetRelations.Result Relations { get; init; } = new([]);

        /// <summary>The Chinese title, when known.</summary>
        public string? TitleZh { get; init; }

        /// <summary>Its versions in order (a draft, the final text, amendments, what replaced it); itself alone when it has no other.</summary>
        public PolicyChain Chain { get; init; } = null!;
    }

    public sealed class Handler(PortalDbContext db, MarkdownRenderer markdown, IMediator mediator) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken cancellationToken)
        {
            var p = await db.Policies.AsNoTracking().Where(p => p.Slug == query.Slug)
                .Select(p => new
                {
                    p.Id, p.Slug, p.Title, p.TitleZh, p.VersionKind, p.Kind, p.Status, p.IssuedOn, p.IssuedOnPrecision, p.CommentDeadline, p.DocumentNumber, p.CoIssuers, p.SourceUrl, p.Summary,
                    Authorities = p.Authorities.OrderBy(a => a.Position).Select(a => new Link(a.Organisation!.Slug, a.Organisation.Name, a.Organisation.Abbreviation)).ToList(),
                    Sectors = p.Sectors.OrderBy(s => s.Position).Select(s => new Link(s.Slug, s.Name, null)).ToList(),
                })
                .AsSplitQuery()
                .SingleOrDefaultAsync(cancellationToken);
            if (p is null)
            {
                return null;
            }

            var articles = await db.Articles.AsNoTracking()
                .Where(a => a.Status == PublicationStatus.Published && a.Policies.Any(x => x.Id == p.Id))
                .OrderByDescending(a => a.PublishedOn).ThenBy(a => a.Title)
                .Select(a => new Link(a.Slug, a.Title, null))
                .ToListAsync(cancellationToken);

            var targets = await mediator.Send(new Targets.ListTargets.Query(PolicyId: p.Id), cancellationToken);
            var relations = await mediator.Send(new GetRelations.Query(ItemKind.Policy, p.Id), cancellationToken);
            var self = new PolicyVersion(1, p.Slug, p.Title, p.TitleZh, Labels.Of(p.Status), p.VersionKind is { } k ? PolicyVersionKinds.Label(k) : Labels.Of(p.Status),
                p.IssuedOn is { } i ? PartialDate.Format(i, p.IssuedOnPrecision) : null, p.IssuedOn is { } j ? PolicyChains.Iso(j, p.IssuedOnPrecision) : null,
                p.DocumentNumber, p.VersionKind);
            var chain = await PolicyChains.LoadAsync(db, p.Id, self, cancellationToken);
            return new Result(
                p.Slug, p.Title, Labels.Of(p.Kind), Labels.Of(p.Status),
                p.IssuedOn is { } d ? PartialDate.Format(d, p.IssuedOnPrecision) : null,
                p.CommentDeadline is { } c ? PartialDate.Format(c) : null,
                p.DocumentNumber, p.CoIssuers, p.SourceUrl, markdown.ToHtml(p.Summary), p.Authorities, p.Sectors, articles, targets.Targets)
            {
                Relations = relations,
                TitleZh = p.TitleZh,
                Chain = chain,
            };
        }
    }
}
