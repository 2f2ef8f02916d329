using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Articles;

/// <summary>The query pieces every article list shares: what readers may see, in what order, projected to cards.</summary>
public static class ArticleQueries
{
    public static IQueryable<Article> Published(this IQueryable<Article> articles) =>
        articles.Where(a => a.Status == PublicationStatus.Published);

    /// <summary>Newest publication first; within it, newest event first, undated events last.</summary>
    public static IQueryable<Article> NewestFirst(this IQueryable<Article> articles) =>
        articles.OrderByDescending(a => a.PublishedOn).ThenBy(a => a.EventDate == null).ThenByDescending(a => a.EventDate).ThenBy(a => a.Id);

    public static async Task<List<ArticleCard>> ToCardsAsync(this IQueryable<Article> articles, CancellationToken ct)
    {
        var rows = await articles
            .Select(a => new { a.Slug, a.Title, a.Summary, a.EventDate, a.EventDatePrecision, Sectors = a.Sectors.OrderBy(x => x.Position).Select(x => new Link(x.Slug, x.Name, null)).ToList() })
            .ToListAsync(ct);
        return [.. rows.Select(a => new ArticleCard(a.Slug, a.Title, a.Summary, a.EventDate is { } d ? PartialDate.Format(d, a.EventDatePrecision) : null, a.Sectors))];
    }
}
