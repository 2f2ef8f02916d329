using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Issues;

public static class ListIssues
{
    public sealed record Query : IQuery<IReadOnlyList<Result>>;

    public sealed record Result(string Slug, string Series, string Title, int Number, string? PublishedOn, int Articles);

    public sealed class Handler(PortalDbContext db) : IQueryHandler<Query, IReadOnlyList<Result>>
    {
        public async ValueTask<IReadOnlyList<Result>> Handle(Query query, CancellationToken cancellationToken)
        {
            var rows = await db.Issues.AsNoTracking()
                .Where(i => i.Status == PublicationStatus.Published)
                .OrderByDescending(i => i.PeriodStart)
                .Select(i => new { i.Slug, i.Series, i.Title, i.Number, i.PublishedOn, Articles = i.Sections.SelectMany(s => s.Articles).Count(a => a.Status == PublicationStatus.Published) })
                .ToListAsync(cancellationToken);
            return [.. rows.Select(i => new Result(i.Slug, i.Series, i.Title, i.Number, i.PublishedOn is { } p ? PartialDate.Format(p) : null, i.Articles))];
        }
    }
}
