using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Editorial;

/// <summary>Every revision of an article, and the differences between any two of them.</summary>
public static class GetArticleHistory
{
    /// <param name="From">Revision number to compare from (older), with <paramref name="To"/>; both null shows no diff.</param>
    public sealed record Query(int ArticleId, int? From, int? To) : IQuery<Result?>;

    public sealed record Result(int ArticleId, string Title, IReadOnlyList<Version> Versions, Comparison? Diff, IReadOnlyList<AuditLine> Audit);

    public sealed record Version(int Number, RevisionState State, string AuthorName, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? ApprovedByName, DateTimeOffset? PublishedAt, string? CorrectionNote);

    public sealed record Comparison(int From, int To, IReadOnlyList<TextDiff.Line> Lines);

    public sealed record AuditLine(DateTimeOffset At, string UserName, string Action, string? Detail);

    public sealed class Handler(PortalDbContext db) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var title = await db.Articles.AsNoTracking().Where(a => a.Id == query.ArticleId).Select(a => a.Title).SingleOrDefaultAsync(ct);
            if (title is null)
            {
                return null;
            }

            var versions = await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == query.ArticleId).OrderByDescending(r => r.Number)
                .Select(r => new Version(r.Number, r.State, r.AuthorName, r.CreatedAt, r.UpdatedAt, r.ApprovedByName, r.PublishedAt, r.CorrectionNote))
                .ToListAsync(ct);
            Comparison? diff = null;
            if (query.From is { } from && query.To is { } to)
            {
                var pair = await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == query.ArticleId && (r.Number == from || r.Number == to)).ToListAsync(ct);
                var older = pair.FirstOrDefault(r => r.Number == from);
                var newer = pair.FirstOrDefault(r => r.Number == to);
                if (older is not null && newer is not null)
                {
                    var names = await ArticleRevisions.SectorNamesAsync(db, ct);
                    diff = new Comparison(from, to, TextDiff.Compare(ArticleRevisionText.Of(older, names), ArticleRevisionText.Of(newer, names)));
                }
            }

            var audit = await db.AuditEntries.AsNoTracking()
                .Where(a => a.ItemKind == ItemKind.Article && a.ItemId == query.ArticleId)
                .OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(200)
                .Select(a => new AuditLine(a.At, a.UserName, a.Action, a.Detail))
                .ToListAsync(ct);
            return new Result(query.ArticleId, title, versions, diff, audit);
        }
    }
}
