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
            var latest = await db.Articles.AsNoTracking().Published().NewestFirst().Take(LatestArticles).ToCardsAsync(cancellationToken);
            var sectors = await mediator.Send(new ListSectors.Query(), cancellationToken);
            return new Result(
                issue,
                latest,
                sectors);
        }
    }
}
