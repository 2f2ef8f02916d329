using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Articles;
using SesecPortal.Application.Features.Issues;
using SesecPortal.Application.Features.Sectors;

namespace SesecPortal.Application.Features.Home;

public static class GetHome
{
    public const int LatestArticles = 6;

    public sealed record Query : IQuery<Result>;

    public sealed record Result(GetIssue.Result? LatestIssue, IReadOnlyList<ArticleCard> LatestArticles, IReadOnlyList<ListSectors.Result> Sectors);

    public sealed class Handler(PortalDbContext db, IMediator mediator) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var issue = await mediator.Send(new GetIssue.Query(null), cancellationToken);
            var latest = await db.Articles.AsNoTracking()
                .Where(a => a.Status == PublicationStatus.Published)
                .OrderByDescending(a => a.PublishedOn).ThenByDescending(a => a.EventDate).ThenBy(a => a.Id)
                .Take(LatestArticles)
                .Select(a => new { a.Slug, a.Title, a.Summary, a.EventDate, a.EventDatePrecision, Sectors = a.Sectors.OrderBy(x => x.Position).Select(x => new Link(x.Slug, x.Name, null)).ToList() })
                .ToListAsync(cancellationToken);
            var sectors = await mediator.Send(new ListSectors.Query(), cancellationToken);
            return new Result(
                issue,
                [.. latest.Select(a => new ArticleCard(a.Slug, a.Title, a.Summary, a.EventDate is { } d ? PartialDate.Format(d, a.EventDatePrecision) : null, a.Sectors))],
                sectors);
        }
    }
}
