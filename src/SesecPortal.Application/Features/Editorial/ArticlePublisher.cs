using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Editorial;

/// <summary>
/// Makes an approved revision the article readers see: its text, sectors and sources replace the live ones, its
/// <c>[[...]]</c> references become relations, the previous live revision is marked replaced, and a republished
/// article reads "Updated on ...". Changes are added to the caller's unit of work; the search index and the cached pages
/// follow from the change log once it commits.
/// </summary>
public sealed class ArticlePublisher(PortalDbContext db, ReferenceResolver references, EditorialRecorder recorder)
{
    public async Task PublishAsync(int articleId, ArticleRevision revision, CancellationToken ct)
    {
        ArticleWorkflow.RequirePublishable(revision);
        var article = await db.Articles
            .Include(a => a.Sectors).Include(a => a.SourceLinks).Include(a => a.Standards).Include(a => a.Policies)
            .Include(a => a.WorkingGroups).Include(a => a.Organisations)
            .AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Id == articleId, ct) ?? throw new NotFoundException($"Article {articleId}");
        var now = recorder.Now;
        var wasPublished = article.Status == PublicationStatus.Published;
        var previous = await db.ArticleRevisions.Where(r => r.ArticleId == articleId && r.State == RevisionState.Published).ToListAsync(ct);
        foreach (var p in previous)
        {
            p.State = RevisionState.Replaced;
        }

        article.Title = revision.Title;
        article.Summary = revision.Summary;
        article.Body = revision.Body;
        article.EventDate = revision.EventDate;
        article.EventDatePrecision = revision.EventDatePrecision;
        article.Tags = [.. revision.Tags];
        article.Status = PublicationStatus.Published;
        if (!wasPublished)
        {
            // Online from now (first time, or again after being taken offline): new to the readers' watchlists.
            article.PublishedAt = now;
        }

        if (wasPublished || previous.Count > 0)
        {
            article.UpdatedAt = now;
            article.CorrectionNote = string.IsNullOrWhiteSpace(revision.CorrectionNote) ? null : revision.CorrectionNote.Trim();
        }
        else
        {
            article.PublishedOn ??= DateOnly.FromDateTime(now.UtcDateTime);
            article.CorrectionNote = null;
        }

        var sectors = await db.Sectors.Where(s => revision.SectorIds.Contains(s.Id)).ToListAsync(ct);
        article.Sectors.Clear();
        article.Sectors.AddRange(sectors.OrderBy(s => revision.SectorIds.IndexOf(s.Id)));
        article.SourceLinks.Clear();
        article.SourceLinks.AddRange(SourceLinkText.Parse(revision.SourceLinks)
            .Select((l, i) => new ArticleSourceLink { Url = l.Url, Title = l.Title, Position = i }));
        await LinkReferencesAsync(article, revision.Body, ct);

        revision.State = RevisionState.Published;
        revision.PublishedAt = now;
        recorder.Audit(ItemKind.Article, article.Id, article.Title, wasPublished ? "published a revision" : "published",
            $"Revision {revision.Number}" + (revision.CorrectionNote is { Length: > 0 } note && wasPublished ? $"; correction: {note}" : ""));
    }

    /// <summary>Takes an article off the public site; its live revision stays approved, ready to publish again.</summary>
    public async Task UnpublishAsync(Article article, CancellationToken ct)
    {
        if (article.Status != PublicationStatus.Published)
        {
            throw new WorkflowException("This article is not published.");
        }

        article.Status = PublicationStatus.Approved;
        var live = await db.ArticleRevisions.Where(r => r.ArticleId == article.Id && r.State == RevisionState.Published).ToListAsync(ct);
        foreach (var r in live)
        {
            r.State = RevisionState.Replaced;
        }

        // The text that was live becomes an approved revision again, so publishing it back needs no new review...
        // unless an open revision exists, which then carries on as it is.
        if (live.Count > 0 && await ArticleRevisions.OpenAsync(db, article.Id, ct) is null)
        {
            var last = live.MaxBy(r => r.Number)!;
            last.State = RevisionState.Approved;
            last.PublishedAt = null;
        }

        recorder.Audit(ItemKind.Article, article.Id, article.Title, "unpublished");
    }

    private async Task LinkReferencesAsync(Article article, string body, CancellationToken ct)
    {
        var targets = await references.ResolveAsync(ArticleReferences.Find(body), ct);
        var ids = targets.Values.GroupBy(t => t.Kind).ToDictionary(g => g.Key, g => g.Select(t => t.Id).ToHashSet());
        if (ids.TryGetValue(ItemKind.Standard, out var standardIds))
        {
            standardIds.ExceptWith(article.Standards.Select(s => s.Id));
            article.Standards.AddRange(await db.Standards.Where(s => standardIds.Contains(s.Id)).ToListAsync(ct));
        }

        if (ids.TryGetValue(ItemKind.Policy, out var policyIds))
        {
            policyIds.ExceptWith(article.Policies.Select(p => p.Id));
            article.Policies.AddRange(await db.Policies.Where(p => policyIds.Contains(p.Id)).ToListAsync(ct));
        }

        if (ids.TryGetValue(ItemKind.WorkingGroup, out var groupIds))
        {
            groupIds.ExceptWith(article.WorkingGroups.Select(w => w.Id));
            article.WorkingGroups.AddRange(await db.WorkingGroups.Where(w => groupIds.Contains(w.Id)).ToListAsync(ct));
        }

        if (ids.TryGetValue(ItemKind.Organisation, out var organisationIds))
        {
            organisationIds.ExceptWith(article.Organisations.Select(o => o.Id));
            article.Organisations.AddRange(await db.Organisations.Where(o => organisationIds.Contains(o.Id)).ToListAsync(ct));
        }
    }
}
