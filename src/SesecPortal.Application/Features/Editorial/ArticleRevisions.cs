using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Editorial;

/// <summary>Loading the revision an editor acts on, refusing when someone changed it since the editor's page was drawn.</summary>
internal static class ArticleRevisions
{
    /// <summary>The article's open revision (draft, in review or approved), if any.</summary>
    public static Task<ArticleRevision?> OpenAsync(PortalDbContext db, int articleId, CancellationToken ct) =>
        db.ArticleRevisions
            .Where(r => r.ArticleId == articleId
                && (r.State == RevisionState.Draft || r.State == RevisionState.InReview || r.State == RevisionState.Approved))
            .OrderByDescending(r => r.Number)
            .FirstOrDefaultAsync(ct);

    /// <summary>
    /// The revision with this id, at the version the editor saw: otherwise a <see cref="ConcurrencyConflictException"/>
    /// showing what is stored now.
    /// </summary>
    public static async Task<ArticleRevision> ExpectAsync(PortalDbContext db, int articleId, int revisionId, uint version, string attempted, CancellationToken ct)
    {
        var revision = await db.ArticleRevisions.SingleOrDefaultAsync(r => r.Id == revisionId && r.ArticleId == articleId, ct)
            ?? throw new NotFoundException($"Revision {revisionId} of article {articleId}");
        if (revision.Version != version)
        {
            throw await ConflictAsync(db, revision, attempted, ct);
        }

        return revision;
    }

    /// <summary>For a workflow action: the revision at the version the editor saw, else a refusal asking them to look again.</summary>
    public static async Task<ArticleRevision> ExpectForActionAsync(PortalDbContext db, int articleId, int revisionId, uint version, CancellationToken ct)
    {
        var revision = await db.ArticleRevisions.SingleOrDefaultAsync(r => r.Id == revisionId && r.ArticleId == articleId, ct)
            ?? throw new NotFoundException($"Revision {revisionId} of article {articleId}");
        if (revision.Version != version)
        {
            throw new WorkflowException(
                $"Revision {revision.Number} changed since you opened it ({Labels.Of(revision.State).ToLowerInvariant()}, last saved by {revision.UpdatedByName ?? revision.AuthorName}): read it again, then decide.");
        }

        return revision;
    }

    public static async Task<ConcurrencyConflictException> ConflictAsync(PortalDbContext db, ArticleRevision stored, string attempted, CancellationToken ct)
    {
        var names = await SectorNamesAsync(db, ct);
        var storedText = $"State: {Labels.Of(stored.State)}\nSaved by: {stored.UpdatedByName ?? stored.AuthorName}\n" + ArticleRevisionText.Of(stored, names);
        return new ConcurrencyConflictException(stored.Title, storedText, attempted, stored.Version);
    }

    public static async Task<IReadOnlyDictionary<int, string>> SectorNamesAsync(PortalDbContext db, CancellationToken ct) =>
        await db.Sectors.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);

    /// <summary>Starts the history of an article that has none (a seeded one): its live text becomes revision 1.</summary>
    public static async Task EnsureBaselineAsync(PortalDbContext db, Article article, CancellationToken ct)
    {
        if (await db.ArticleRevisions.AnyAsync(r => r.ArticleId == article.Id, ct))
        {
            return;
        }

        var links = await db.Set<ArticleSourceLink>().AsNoTracking().Where(l => l.ArticleId == article.Id).OrderBy(l => l.Position).Select(l => new { l.Url, l.Title }).ToListAsync(ct);
        var sectors = await db.Articles.Where(a => a.Id == article.Id).SelectMany(a => a.Sectors.Select(s => s.Id)).ToListAsync(ct);
        db.ArticleRevisions.Add(new ArticleRevision
        {
            ArticleId = article.Id,
            Number = 1,
            State = article.Status == PublicationStatus.Published ? RevisionState.Published : RevisionState.Draft,
            Title = article.Title,
            Summary = article.Summary,
            Body = article.Body,
            EventDate = article.EventDate,
            EventDatePrecision = article.EventDatePrecision,
            Tags = [.. article.Tags],
            SectorIds = sectors,
            SourceLinks = SourceLinkText.Format(links.Select(l => (l.Url, l.Title))),
            CorrectionNote = article.CorrectionNote,
            AuthorName = "SESEC newsletter",
            CreatedAt = article.CreatedAt,
            UpdatedAt = article.CreatedAt,
            PublishedAt = article.Status == PublicationStatus.Published ? article.CreatedAt : null,
        });
        await db.SaveChangesAsync(ct);
    }
}
