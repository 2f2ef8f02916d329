using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Application.Features.Issues;

/// <summary>
/// The whole issue as the newsletter reads on paper: cover, takeaways, then each section with its articles in full, each
/// followed by the standards it is about as a reader files them (code, English and Chinese titles, ICS and CCS).
/// </summary>
public static class GetIssueForPrint
{
    public sealed record Query(string Slug, bool Preview = false) : IQuery<Result?>;

    public sealed record Result(string Slug, string Series, string Title, int Number, string Period, string? PublishedOn,
        IReadOnlyList<GetIssue.Takeaway> Takeaways, IReadOnlyList<Section> Sections, string AboutHtml);

    public sealed record Section(string Slug, string Title, string NoteHtml, IReadOnlyList<Article> Articles);

    public sealed record Article(string Slug, string Title, string? Date, IReadOnlyList<string> Sectors, string BodyHtml, IReadOnlyList<Link> Sources)
    {
        public IReadOnlyList<PrintedStandard> Standards { get; init; } = [];
    }

    /// <param name="Ics">Its ICS codes, in code order.</param>
    public sealed record PrintedStandard(string Slug, string? Code, string TitleEn, string? TitleZh, IReadOnlyList<string> Ics, string? Ccs);

    public sealed class Handler(PortalDbContext db, MarkdownRenderer markdown, ReferenceResolver references) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken cancellationToken)
        {
            var preview = query.Preview;
            var issue = await db.Issues.AsNoTracking().Where(i => i.Slug == query.Slug && (preview || i.Status == PublicationStatus.Published))
                .Select(i => new
                {
                    i.Slug, i.Series, i.Title, i.Number, i.PeriodStart, i.PeriodEnd, i.PublishedOn, i.About,
                    Takeaways = i.Takeaways.OrderBy(t => t.Position).Select(t => new GetIssue.Takeaway(t.Title, t.Summary, t.Article != null ? t.Article.Slug : null)).ToList(),
                    Sections = i.Sections.OrderBy(s => s.Position).Select(s => new
                    {
                        s.Slug, s.Title, s.Note,
                        Articles = s.Articles.Where(a => preview || a.Status == PublicationStatus.Published).OrderBy(a => a.Position).Select(a => new
                        {
                            a.Slug, a.Title, a.Body, a.EventDate, a.EventDatePrecision,
                            Sectors = a.Sectors.OrderBy(x => x.Position).Select(x => x.Name).ToList(),
                            Sources = a.SourceLinks.OrderBy(l => l.Position).Select(l => new Link(l.Url, l.Title ?? l.Url, null)).ToList(),
                            Standards = a.Standards.OrderBy(x => x.NormalizedCode).Select(x => new PrintedStandard(
                                x.Slug, x.Code, x.TitleEn, x.TitleZh, x.Ics.OrderBy(g => g.Code).Select(g => g.Code).ToList(), x.CcsCode)).ToList(),
                        }).ToList(),
                    }).ToList(),
                })
                .AsSplitQuery()
                .SingleOrDefaultAsync(cancellationToken);
            if (issue is null)
            {
                return null;
            }

            // One lookup for the references of every article in the issue.
            var labels = issue.Sections.SelectMany(s => s.Articles).SelectMany(a => ArticleReferences.Find(a.Body)).Distinct().ToList();
            var targets = await references.ResolveAsync(labels, cancellationToken);
            string? UrlOf(string label) => targets.TryGetValue(ArticleReferences.KeyOf(label), out var t) ? t.Url : null;
            return new Result(
                issue.Slug, issue.Series, issue.Title, issue.Number,
                $"{PartialDate.Format(issue.PeriodStart)} – {PartialDate.Format(issue.PeriodEnd)}",
                issue.PublishedOn is { } p ? PartialDate.Format(p) : null,
                issue.Takeaways,
                [.. issue.Sections.Where(s => !IssueSection.IsEmpty(s.Articles.Count, s.Note)).Select(s => new Section(s.Slug, s.Title, markdown.ToHtml(s.Note),
                    [.. s.Articles.Select(a => new Article(a.Slug, a.Title, a.EventDate is { } d ? PartialDate.Format(d, a.EventDatePrecision) : null,
                        a.Sectors, markdown.ToHtml(a.Body, UrlOf), a.Sources) { Standards = a.Standards })]))],
                markdown.ToHtml(issue.About));
        }
    }
}
