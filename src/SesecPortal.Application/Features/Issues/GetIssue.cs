using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Articles;

namespace SesecPortal.Application.Features.Issues;

public static class GetIssue
{
    /// <param name="Slug">The issue's slug, or null for the latest published issue.</param>
    /// <param name="Preview">For editors: the issue and its articles whether published or not, as readers will see them.</param>
    public sealed record Query(string? Slug, bool Preview = false) : IQuery<Result?>;

    public sealed record Result(
        string Slug, string Series, string Title, int Number, string Period, string? PublishedOn, string AboutHtml,
        IReadOnlyList<Takeaway> Takeaways, IReadOnlyList<Section> Sections);

    public sealed record Takeaway(string Title, string Summary, string? ArticleSlug);

    public sealed record Section(string Slug, string Title, string NoteHtml, IReadOnlyList<ArticleCard> Articles);

    public sealed class Handler(PortalDbContext db, MarkdownRenderer markdown) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken cancellationToken)
        {
            var preview = query.Preview;
            var issues = db.Issues.AsNoTracking().Where(i => preview || i.Status == PublicationStatus.Published);
            issues = query.Slug is null ? issues.OrderByDescending(i => i.PeriodStart).Take(1) : issues.Where(i => i.Slug == query.Slug);
            var issue = await issues
                .Select(i => new
                {
                    i.Slug, i.Series, i.Title, i.Number, i.PeriodStart, i.PeriodEnd, i.PublishedOn, i.About,
                    Takeaways = i.Takeaways.OrderBy(t => t.Position).Select(t => new Takeaway(t.Title, t.Summary, t.Article != null && (preview || t.Article.Status == PublicationStatus.Published) ? t.Article.Slug : null)).ToList(),
                    Sections = i.Sections.OrderBy(s => s.Position).Select(s => new
                    {
                        s.Slug, s.Title, s.Note,
                        Articles = s.Articles.Where(a => preview || a.Status == PublicationStatus.Published).OrderBy(a => a.Position)
                            .Select(a => new { a.Slug, a.Title, a.Summary, a.EventDate, a.EventDatePrecision, Sectors = a.Sectors.OrderBy(x => x.Position).Select(x => new Link(x.Slug, x.Name, null)).ToList() })
                            .ToList(),
                    }).ToList(),
                })
                .AsSplitQuery()
                .FirstOrDefaultAsync(cancellationToken);
            if (issue is null)
            {
                return null;
            }

            return new Result(
                issue.Slug, issue.Series, issue.Title, issue.Number,
                $"{PartialDate.Format(issue.PeriodStart)} – {PartialDate.Format(issue.PeriodEnd)}",
                issue.PublishedOn is { } p ? PartialDate.Format(p) : null,
                markdown.ToHtml(issue.About),
                issue.Takeaways,
                // A section without articles is left out of the published issue (the preview shows it, flagged, so the editor sees it).
                [.. issue.Sections.Where(s => preview || !IssueSection.IsEmpty(s.Articles.Count, s.Note)).Select(s => new Section(s.Slug, s.Title, markdown.ToHtml(s.Note),
                    [.. s.Articles.Select(a => new ArticleCard(a.Slug, a.Title, a.Summary, a.EventDate is { } d ? PartialDate.Format(d, a.EventDatePrecision) : null, a.Sectors))]))]);
        }
    }
}
