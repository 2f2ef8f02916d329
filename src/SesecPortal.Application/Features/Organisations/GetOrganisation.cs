using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Relations;

namespace SesecPortal.Application.Features.Organisations;

public static class GetOrganisation
{
    public sealed record Query(string Slug) : IQuery<Result?>;

    public sealed record Result(
        string Slug, string Name, string? Abbreviation, string Kind, string? Website, string DescriptionHtml,
        Link? Parent, IReadOnlyList<Link> Children, IReadOnlyList<Link> PoliciesIssued, IReadOnlyList<Link> StandardsIssued,
        IReadOnlyList<Link> WorkingGroupRoles, IReadOnlyList<Link> Sectors, IReadOnlyList<Link> Articles)
    {
        /// <summary>What it issued, leads, takes part in and drafted: relations merged with the column facts.</summary>
        public GetRelations.Result Relations { get; init; } = new([]);
    }

    public sealed class Handler(PortalDbContext db, MarkdownRenderer markdown, IMediator mediator) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken cancellationToken)
        {
            var o = await db.Organisations.AsNoTracking().Where(o => o.Slug == query.Slug)
                .Select(o => new
                {
                    o.Id, o.Slug, o.Name, o.Abbreviation, o.Kind, o.Website, o.Description,
                    Parent = o.Parent == null ? null : new Link(o.Parent.Slug, o.Parent.Name, o.Parent.Abbreviation),
                    Sectors = o.Sectors.OrderBy(s => s.Position).Select(s => new Link(s.Slug, s.Name, null)).ToList(),
                })
                .SingleOrDefaultAsync(cancellationToken);
            if (o is null)
            {
                return null;
            }

            var id = o.Id;
            var children = await db.Organisations.AsNoTracking().Where(c => c.ParentId == id).OrderBy(c => c.Name)
                .Select(c => new Link(c.Slug, c.Name, c.Abbreviation)).ToListAsync(cancellationToken);
            var policies = await db.Policies.AsNoTracking().Where(p => p.Authorities.Any(a => a.OrganisationId == id))
                .OrderByDescending(p => p.IssuedOn).ThenBy(p => p.Title).Select(p => new Link(p.Slug, p.Title, null)).ToListAsync(cancellationToken);
            var standards = await db.Standards.AsNoTracking().Where(s => s.IssuerId == id)
                .OrderBy(s => s.NormalizedCode).Select(s => new Link(s.Slug, s.Code ?? s.TitleEn, s.TitleEn)).ToListAsync(cancellationToken);
            var roles = await db.WorkingGroups.AsNoTracking().SelectMany(g => g.Members.Where(m => m.OrganisationId == id), (g, m) => new { g.Slug, g.Name, g.Position, m.Role, m.PersonName })
                .OrderBy(r => r.Position).ToListAsync(cancellationToken);
            var relations = await mediator.Send(new GetRelations.Query(ItemKind.Organisation, id), cancellationToken);
            var articles = await db.Articles.AsNoTracking()
                .Where(a => a.Status == PublicationStatus.Published && a.Organisations.Any(x => x.Id == id))
                .OrderByDescending(a => a.PublishedOn).ThenBy(a => a.Title).Select(a => new Link(a.Slug, a.Title, null)).ToListAsync(cancellationToken);

            return new Result(
                o.Slug, o.Name, o.Abbreviation, Labels.Of(o.Kind), o.Website, markdown.ToHtml(o.Description), o.Parent, children,
                policies, standards,
                [.. roles.Select(r => new Link(r.Slug, r.Name, r.PersonName is null ? Labels.Of(r.Role) : $"{Labels.Of(r.Role)}: {r.PersonName}"))],
                o.Sectors, articles)
            {
                Relations = relations,
            };
        }
    }
}
