using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Editorial;

/// <summary>What the editors look after: articles by workflow state, and how many of each kind of record there are.</summary>
public static class GetEditorDashboard
{
    public sealed record Query : IQuery<Result>;

    public sealed record Result(IReadOnlyDictionary<string, int> ArticlesByStatus, int Issues, int Policies, int Standards, int WorkingGroups, int Organisations, int Sectors);

    public sealed class Handler(PortalDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var byStatus = await db.Articles.GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
            return new Result(
                Enum.GetValues<PublicationStatus>().ToDictionary(s => s.ToString(), s => byStatus.FirstOrDefault(b => b.Key == s)?.Count ?? 0),
                await db.Issues.CountAsync(ct), await db.Policies.CountAsync(ct), await db.Standards.CountAsync(ct),
                await db.WorkingGroups.CountAsync(ct), await db.Organisations.CountAsync(ct), await db.Sectors.CountAsync(ct));
        }
    }
}
