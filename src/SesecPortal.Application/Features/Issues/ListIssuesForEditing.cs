using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Issues;

/// <summary>The issues editors work on, newest first, published or not.</summary>
public static class ListIssuesForEditing
{
    public sealed record Query : IQuery<IReadOnlyList<Row>>;

    public sealed record Row(int Id, string Title, int Number, PublicationStatus Status, DateOnly? PublishedOn, int Articles);

    public sealed class Handler(PortalDbContext db) : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Issues.AsNoTracking().OrderByDescending(i => i.PeriodStart).ThenByDescending(i => i.Number)
                .Select(i => new Row(i.Id, i.Title, i.Number, i.Status, i.PublishedOn, i.Sections.SelectMany(s => s.Articles).Count()))
                .ToListAsync(cancellationToken);
    }
}
