using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Editorial;

/// <summary>
/// What the article editor shows: the live article, the open revision if there is one (else the live text, ready
/// to become a new revision), and what the current editor may do with it.
/// </summary>
public static class GetArticleForEditing
{
    public sealed record Query(int Id) : IQuery<Result?>;

    public sealed record Result(
        int Id, string Slug, bool Online, DateOnly? PublishedOn, DateTimeOffset? UpdatedAt, bool InIssue,
        OpenRevision? Open, SaveArticle.Command Form, IReadOnlyList<Link> Sectors, int RevisionCount);

    public sealed record OpenRevision(
        int Id, int Number, RevisionState State, uint Version, string AuthorName, string? AuthorId, DateTimeOffset UpdatedAt,
        string? UpdatedByName, string? ReviewComment, string? ApprovedByName, DateTimeOffset? ApprovedAt, DateTimeOffset? ScheduledFor);

    public sealed class Handler(PortalDbContext db) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var article = await db.Articles.AsNoTracking().Where(a => a.Id == query.Id)
                .Select(a => new
                {
                    a.Id, a.Slug, a.Title, a.Summary, a.Body, a.EventDate, a.EventDatePrecision, a.Tags, a.Status, a.PublishedOn, a.UpdatedAt,
                    a.CorrectionNote, InIssue = a.SectionId != null,
                    SectorIds = a.Sectors.Select(s => s.Id).ToList(),
                    Links = a.SourceLinks.OrderBy(l => l.Position).Select(l => new { l.Url, l.Title }).ToList(),
                    RevisionCount = a.Revisions.Count,
                })
                .AsSplitQuery()
                .SingleOrDefaultAsync(ct);
            if (article is null)
            {
                return null;
            }

            var open = await db.ArticleRevisions.AsNoTracking()
                .Where(r => r.ArticleId == query.Id && (r.State == RevisionState.Draft || r.State == RevisionState.InReview || r.State == RevisionState.Approved))
                .OrderByDescending(r => r.Number)
                .FirstOrDefaultAsync(ct);
            var form = open is null
                ? new SaveArticle.Command
                {
                    ArticleId = article.Id, Slug = article.Slug, Title = article.Title, Summary = article.Summary, Body = article.Body,
                    EventDate = Format(article.EventDate, article.EventDatePrecision), Tags = string.Join(", ", article.Tags),
                    SectorIds = article.SectorIds, SourceLinks = SourceLinkText.Format(article.Links.Select(l => (l.Url, l.Title))),
                }
                : new SaveArticle.Command
                {
                    ArticleId = article.Id, RevisionId = open.Id, Version = open.Version, Slug = article.Slug, Title = open.Title,
                    Summary = open.Summary, Body = open.Body, EventDate = Format(open.EventDate, open.EventDatePrecision),
                    Tags = string.Join(", ", open.Tags), SectorIds = open.SectorIds, SourceLinks = open.SourceLinks, CorrectionNote = open.CorrectionNote,
                };
            var sectors = await db.Sectors.AsNoTracking().OrderBy(s => s.Position).Select(s => new Link(s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), s.Name, null)).ToListAsync(ct);
            return new Result(
                article.Id, article.Slug, article.Status == PublicationStatus.Published, article.PublishedOn, article.UpdatedAt, article.InIssue,
                open is null ? null : new OpenRevision(open.Id, open.Number, open.State, open.Version, open.AuthorName, open.AuthorId, open.UpdatedAt,
                    open.UpdatedByName, open.ReviewComment, open.ApprovedByName, open.ApprovedAt, open.ScheduledFor),
                form, sectors, article.RevisionCount);
        }

        private static string? Format(DateOnly? date, DatePrecision precision) => date is not { } d ? null : precision switch
        {
            DatePrecision.Year => d.ToString("yyyy", System.Globalization.CultureInfo.InvariantCulture),
            DatePrecision.Month => d.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            _ => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The sectors an editor can choose from, for a new article's form.</summary>
    public sealed record SectorsQuery : IQuery<IReadOnlyList<Link>>;

    public sealed class SectorsHandler(PortalDbContext db) : IQueryHandler<SectorsQuery, IReadOnlyList<Link>>
    {
        public async ValueTask<IReadOnlyList<Link>> Handle(SectorsQuery query, CancellationToken cancellationToken) =>
            await db.Sectors.AsNoTracking().OrderBy(s => s.Position)
                .Select(s => new Link(s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), s.Name, null)).ToListAsync(cancellationToken);
    }
}
