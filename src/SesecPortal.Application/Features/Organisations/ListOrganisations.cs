using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Organisations;

public static class ListOrganisations
{
    public sealed record Query : IQuery<IReadOnlyList<Result>>;

    /// <summary>Organisations of one kind (authorities, standards bodies, companies...).</summary>
    public sealed record Result(string Kind, IReadOnlyList<Link> Organisations);

    public sealed class Handler(PortalDbContext db) : IQueryHandler<Query, IReadOnlyList<Result>>
    {
        public async ValueTask<IReadOnlyList<Result>> Handle(Query query, CancellationToken cancellationToken)
        {
            var rows = await db.Organisations.AsNoTracking().OrderBy(o => o.Name)
                .Select(o => new { o.Kind, Link = new Link(o.Slug, o.Name, o.Abbreviation) })
                .ToListAsync(cancellationToken);
            return [.. rows.GroupBy(r => r.Kind).OrderBy(g => g.Key).Select(g => new Result(Labels.Of(g.Key), [.. g.Select(r => r.Link)]))];
        }
    }
}
