using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Editorial;

/// <summary>The editors' article list: each article with whether it is online and the state of its open revision.</summary>
public static class ListArticlesForEditing
{
    /// <param name="Queue">"review" (waiting for a reviewer), "approved", "drafts", "published", or null for all.</param>
    public sealed record Query(string? Queue, string? Text, int Page = 1) : IQuery<Result>;

    public sealed record Result(IReadOnlyList<Row> Rows, int Total, int Page, int PageSize);

    public sealed record Row(int Id, string Slug, string Title, bool Online, RevisionState? OpenState, int? OpenNumber, string? OpenAuthor, DateTimeOffset? UpdatedAt, DateTimeOffset? ScheduledFor);

    public const int PageSize = 50;

    public sealed class Handler(PortalDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var rows = db.Articles.AsNoTracking().Select(a => new
            {
                a.Id, a.Slug, a.Title, a.Status, a.PublishedOn, a.CreatedAt,
                Open = a.Revisions
                    .Where(r => r.State == RevisionState.Draft || r.State == RevisionState.InReview || r.State == RevisionState.Approved)
                    .OrderByDescending(r => r.Number)
                    .Select(r => new { r.State, r.Number, r.Title, r.AuthorName, r.UpdatedAt, r.ScheduledFor })
                    .FirstOrDefault(),
            });
            rows = query.Queue switch
            {
                "review" => rows.Where(r => r.Open != null && r.Open.State == RevisionState.InReview),
                "approved" => rows.Where(r => r.Open != null && r.Open.State == RevisionState.Approved),
                "drafts" => rows.Where(r => r.Open != null && r.Open.State == RevisionState.Draft),
                "published" => rows.Where(r => r.Status == PublicationStatus.Published),
                _ => rows,
            };
            if (!string.IsNullOrWhiteSpace(query.Text))
            {
                var pattern = $"%{query.Text.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal)}%";
                rows = rows.Where(r => EF.Functions.ILike(r.Title, pattern) || (r.Open != null && EF.Functions.ILike(r.Open.Title, pattern)));
            }

            var total = await rows.CountAsync(cancellationToken);
            var page = Math.Max(1, query.Page);
            var list = await rows
                .OrderByDescending(r => r.Open != null ? r.Open.UpdatedAt : r.CreatedAt).ThenByDescending(r => r.Id)
                .Skip((page - 1) * PageSize).Take(PageSize)
                .ToListAsync(cancellationToken);
            return new Result(
                [.. list.Select(r => new Row(r.Id, r.Slug, r.Open?.Title ?? r.Title, r.Status == PublicationStatus.Published, r.Open?.State, r.Open?.Number, r.Open?.AuthorName, r.Open?.UpdatedAt, r.Open?.ScheduledFor))],
                total, page, PageSize);
        }
    }
}
