using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Sectors;

public static class ListSectors
{
    public sealed record Query : IQuery<IReadOnlyList<Result>>;

    public sealed record Result(string Slug, string Name, string? Description, int Articles, int Policies, int Standards, int WorkingGroups, int Organisations)
    {
        public int Total => Articles + Policies + Standards + WorkingGroups + Organisations;
    }

    public sealed class Handler(PortalDbContext db) : IQueryHandler<Query, IReadOnlyList<Result>>
    {
        public async ValueTask<IReadOnlyList<Result>> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Sectors.AsNoTracking()
                .OrderBy(s => s.Position)
                .Select(s => new Result(
                    s.Slug, s.Name, s.Description,
                    db.Articles.Count(a => a.Status == PublicationStatus.Published && a.Sectors.Any(x => x.Id == s.Id)),
                    db.Policies.Count(p => p.Sectors.Any(x => x.Id == s.Id)),
                    db.Standards.Count(p => p.Sectors.Any(x => x.Id == s.Id)),
                    db.WorkingGroups.Count(p => p.Sectors.Any(x => x.Id == s.Id)),
                    db.Organisations.Count(p => p.Sectors.Any(x => x.Id == s.Id))))
                .ToListAsync(cancellationToken);
    }
}
