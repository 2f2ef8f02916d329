using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Issues;

/// <summary>The issue builder's view: the issue's details, its sections with their articles and states, its takeaways, and the articles that can be added.</summary>
public static class GetIssueForEditing
{
    public sealed record Query(int Id) : IQuery<Result?>;

    public sealed record Result(
        int Id, string Slug, string Series, string Title, int Number, DateOnly PeriodStart, DateOnly PeriodEnd, string? About,
        PublicationStatus Status, DateOnly? PublishedOn, uint Version,
        IReadOnlyList<Section> Sections, IReadOnlyList<Takeaway> Takeaways, IReadOnlyList<Candidate> Candidates);

    public sealed record Section(int Id, string Slug, string Title, IReadOnlyList<ArticleRow> Articles)
    {
        /// <summary>Nothing for readers: left out when the issue is published (<see cref="IssueSection.IsEmpty"/>).</summary>
        public bool Empty { get; init; }
    }

    /// <param name="Ready">Published, or with an approved revision: publishing the issue can take it live.</param>
    public sealed record ArticleRow(int Id, string Title, bool Online, RevisionState? OpenState, bool Ready);

    public sealed record Takeaway(int Id, string Title, string Summary, int? ArticleId);

    public sealed record Candidate(int Id, string Title, bool Online, RevisionState? OpenState);

    public sealed class Handler(PortalDbContext db) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken cancellationToken)
        {
            var issue = await db.Issues.AsNoTracking().Where(i => i.Id == query.Id)
                .Select(i => new
                {
                    i.Id, i.Slug, i.Series, i.Title, i.Number, i.PeriodStart, i.PeriodEnd, i.About, i.Status, i.PublishedOn, i.Version,
                    Sections = i.Sections.OrderBy(s => s.Position).Select(s => new
                    {
                        s.Id, s.Slug, s.Title, s.Note,
                        Articles = s.Articles.OrderBy(a => a.Position).Select(a => new
                        {
                            a.Id, a.Title, a.Status,
                            Open = a.Revisions.Where(r => r.State == RevisionState.Draft || r.State == RevisionState.InReview || r.State == RevisionState.Approved)
                                .OrderByDescending(r => r.Number).Select(r => (RevisionState?)r.State).FirstOrDefault(),
                        }).ToList(),
                    }).ToList(),
                    Takeaways = i.Takeaways.OrderBy(t => t.Position).Select(t => new Takeaway(t.Id, t.Title, t.Summary, t.ArticleId)).ToList(),
                })
                .AsSplitQuery()
                .SingleOrDefaultAsync(cancellationToken);
            if (issue is null)
            {
                return null;
            }

            // Articles not in any issue yet, approved or online, newest first: what an editor picks from.
            var candidates = await db.Articles.AsNoTracking()
                .Where(a => a.SectionId == null)
                .Select(a => new
                {
                    a.Id, a.Title, a.Status, a.CreatedAt,
                    Open = a.Revisions.Where(r => r.State == RevisionState.Draft || r.State == RevisionState.InReview || r.State == RevisionState.Approved)
                        .OrderByDescending(r => r.Number).Select(r => (RevisionState?)r.State).FirstOrDefault(),
                })
                .Where(a => a.Status == PublicationStatus.Published || a.Open == RevisionState.Approved)
                .OrderByDescending(a => a.CreatedAt).Take(200)
                .ToListAsync(cancellationToken);
            return new Result(
                issue.Id, issue.Slug, issue.Series, issue.Title, issue.Number, issue.PeriodStart, issue.PeriodEnd, issue.About, issue.Status, issue.PublishedOn, issue.Version,
                [.. issue.Sections.Select(s => new Section(s.Id, s.Slug, s.Title, [.. s.Articles.Select(a => new ArticleRow(
                    a.Id, a.Title, a.Status == PublicationStatus.Published, a.Open, a.Status == PublicationStatus.Published || a.Open == RevisionState.Approved))]) { Empty = IssueSection.IsEmpty(s.Articles.Count, s.Note) })],
                issue.Takeaways,
                [.. candidates.Select(c => new Candidate(c.Id, c.Title, c.Status == PublicationStatus.Published, c.Open))]);
        }
    }
}
