using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Issues;

/// <summary>What the next issue should be, from the last one: the next two months, the next number, the same series.</summary>
public static class ProposeNextIssue
{
    public sealed record Query : IQuery<CreateIssue.Command>;

    public sealed class Handler(PortalDbContext db, TimeProvider clock) : IQueryHandler<Query, CreateIssue.Command>
    {
        public async ValueTask<CreateIssue.Command> Handle(Query query, CancellationToken cancellationToken)
        {
            var last = await db.Issues.AsNoTracking().OrderByDescending(i => i.PeriodEnd).ThenByDescending(i => i.Number)
                .Select(i => new { i.Series, i.Number, i.PeriodEnd }).FirstOrDefaultAsync(cancellationToken);
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var period = last is null
                ? new IssuePeriod(new DateOnly(today.Year, today.Month, 1), new DateOnly(today.Year, today.Month, 1).AddMonths(2).AddDays(-1))
                : IssuePeriod.After(last.PeriodEnd);
            var maxNumber = await db.Issues.MaxAsync(i => (int?)i.Number, cancellationToken) ?? 0;
            return new CreateIssue.Command
            {
                Series = last?.Series ?? "SESEC China Standardisation Newsletter",
                Title = period.Title,
                Slug = period.Slug,
                Number = maxNumber + 1,
                PeriodStart = period.Start,
                PeriodEnd = period.End,
            };
        }
    }
}
