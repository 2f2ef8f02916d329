using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Articles;

public static class GetArticle
{
    public sealed record Query(string Slug) : IQuery<Result?>;

    public sealed record Result(
        string Slug,
        string Title,
        string Summary,
        string BodyHtml,
        string? EventDate,
        string? PublishedOn,
        IReadOnlyList<string> Tags,
        IReadOnlyList<Link> Sectors,
        IReadOnlyList<Link> Policies,
        IReadOnlyList<Link> Standards,
        IReadOnlyList<Link> WorkingGroups,
        IReadOnlyList<Link> Organisations,
        IReadOnlyList<Link> Sources,
        Placement? Issue,
        string? UpdatedOn = null,
        string? CorrectionNote = null);

    /// <summary>Where the article stands in its issue, with its neighbours for reading on.</summary>
    public sealed record Placement(Link Issue, Link Section, Link? Previous, Link? Next);

    public sealed class Handler(PortalDbContext db, MarkdownRenderer markdown, Editorial.ReferenceResolver references) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken cancellationToken)
        {
            var a = await db.Articles.AsNoTracking()
                .Where(a => a.Slug == query.Slug && a.Status == PublicationStatus.Published)
                .Select(a => new
                {
                    a.Slug, a.Title, a.Summary, a.Body, a.EventDate, a.EventDatePrecision, a.PublishedOn, a.Tags, a.UpdatedAt, a.CorrectionNote,
                    Section = a.Section == null ? null : new { a.Section.Slug, a.Section.Title, a.Section.IssueId, IssueSlug = a.Section.Issue!.Slug, IssueTitle = a.Section.Issue.Title },
                    Sectors = a.Sectors.OrderBy(s => s.Position).Select(s => new Link(s.Slug, s.Name, null)).ToList(),
                    Policies = a.Policies.OrderBy(p => p.Title).Select(p => new Link(p.Slug, p.Title, null)).ToList(),
                    Standards = a.Standards.OrderBy(s => s.NormalizedCode).Select(s => new Link(s.Slug, s.Code == null ? s.TitleEn : s.Code + " " + s.TitleEn, null)).ToList(),
                    WorkingGroups = a.WorkingGroups.OrderBy(w => w.Position).Select(w => new Link(w.Slug, w.Name, null)).ToList(),
                    Organisations = a.Organisations.OrderBy(o => o.Name).Select(o => new Link(o.Slug, o.Abbreviation == null ? o.Name : o.Name + " (" + o.Abbreviation + ")", null)).ToList(),
                    Sources = a.SourceLinks.OrderBy(l => l.Position).Select(l => new Link(l.Url, l.Title ?? l.Url, null)).ToList(),
                })
                .AsSplitQuery()
                .SingleOrDefaultAsync(cancellationToken);
            if (a is null)
            {
                return null;
            }

            Placement? placement = null;
            if (a.Section is not null)
            {
                var order = await db.Articles.AsNoTracking()
                    .Where(x => x.Section!.IssueId == a.Section.IssueId && x.Status == PublicationStatus.Published)
                    .OrderBy(x => x.Section!.Position).ThenBy(x => x.Position)
                    .Select(x => new Link(x.Slug, x.Title, null))
                    .ToListAsync(cancellationToken);
                var index = order.FindIndex(x => x.Slug == a.Slug);
                placement = new Placement(
                    new Link(a.Section.IssueSlug, a.Section.IssueTitle),
                    new Link(a.Section.Slug, a.Section.Title),
                    index > 0 ? order[index - 1] : null,
                    index >= 0 && index < order.Count - 1 ? order[index + 1] : null);
            }

            return new Result(
                a.Slug, a.Title, a.Summary, await references.RenderAsync(markdown, ArticleBody.WithoutRepeatedLead(a.Summary, a.Body), cancellationToken),
                a.EventDate is { } e ? PartialDate.Format(e, a.EventDatePrecision) : null,
                a.PublishedOn is { } p ? PartialDate.Format(p) : null,
                a.Tags, a.Sectors, a.Policies, a.Standards, a.WorkingGroups, a.Organisations, a.Sources, placement,
                a.UpdatedAt is { } u ? PartialDate.Format(DateOnly.FromDateTime(u.UtcDateTime)) : null, a.CorrectionNote);
        }
    }
}
