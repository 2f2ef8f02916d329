using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Editorial;

/// <summary>What the editors look after: the review queues, what is scheduled, the latest activity, and how many records there are.</summary>
public static class GetEditorDashboard
{
    public sealed record Query : IQuery<Result>;

    public sealed record Result(
        int Drafts, int WaitingForReview, int Approved, int Scheduled, int Online,
        IReadOnlyList<ListAuditEntries.Entry> Recent,
        int Issues, int Policies, int Standards, int WorkingGroups, int Organisations, int Sectors);

    public sealed class Handler(PortalDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var open = await db.ArticleRevisions
                .Where(r => r.State == RevisionState.Draft || r.State == RevisionState.InReview || r.State == RevisionState.Approved)
                .GroupBy(r => new { r.State, Scheduled = r.ScheduledFor != null })
                .Select(g => new { g.Key.State, g.Key.Scheduled, Count = g.Count() })
                .ToListAsync(ct);
            int Count(RevisionState state) => open.Where(o => o.State == state).Sum(o => o.Count);
            var recent = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(10)
                .Select(e => new ListAuditEntries.Entry(e.At, e.UserName, e.Action, e.ItemKind, e.ItemId, e.ItemTitle, e.Detail))
                .ToListAsync(ct);
            return new Result(
                Count(RevisionState.Draft), Count(RevisionState.InReview), Count(RevisionState.Approved),
                open.Where(o => o.State == RevisionState.Approved && o.Scheduled).Sum(o => o.Count),
                await db.Articles.CountAsync(a => a.Status == PublicationStatus.Published, ct),
                recent,
                await db.Issues.CountAsync(ct), await db.Policies.CountAsync(ct), await db.Standards.CountAsync(ct),
                await db.WorkingGroups.CountAsync(ct), await db.Organisations.CountAsync(ct), await db.Sectors.CountAsync(ct));
        }
    }
}
