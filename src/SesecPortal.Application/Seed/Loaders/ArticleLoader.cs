using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Seed.Loaders;

/// <summary>Adds the seed's articles not stored yet, published, with their source links and the items they mention.</summary>
internal static class ArticleLoader
{
    public static async Task LoadAsync(PortalDbContext db, SeedContext ctx, SeedRecords records, CancellationToken ct)
    {
        var slugs = ctx.Seed.Articles.Select(a => a.Slug).ToList();
        var articles = records.Articles = await db.Articles.Where(a => slugs.Contains(a.Slug)).ToDictionaryAsync(a => a.Slug, ct);
        records.NewArticles.AddRange(ctx.Seed.Articles.Where(a => !articles.ContainsKey(a.Slug)));
        foreach (var a in records.NewArticles)
        {
            var article = NewArticle(a, ctx, records);
            articles[a.Slug] = article;
            db.Articles.Add(article);
        }
    }

    private static Article NewArticle(SeedArticle a, SeedContext ctx, SeedRecords records)
    {
        var where = $"article {a.Slug}";
        var eventDate = ctx.PartialDate(a.EventDate, where);
        return new Article
        {
            Slug = a.Slug, Title = a.Title, Summary = a.Summary.Trim(), Body = a.Body.Trim(),
            EventDate = eventDate?.Date, EventDatePrecision = eventDate?.Precision ?? DatePrecision.Day,
            Status = PublicationStatus.Published, Tags = a.Tags,
            Sectors = ctx.Sectors(records.Sectors, a.Sectors, where),
            SourceLinks = [.. a.SourceLinks.Select((l, i) => new ArticleSourceLink { Url = ctx.Url(l.Url, where) ?? "", Title = l.Title, Position = i })],
            Policies = ctx.FindAll(records.Policies, a.Mentions.Policies, $"{where} mentions"),
            Standards = [.. a.Mentions.Standards.Select(s => ctx.FindStandard(records.Standards, s, $"{where} mentions")).OfType<Standard>()],
            WorkingGroups = ctx.FindAll(records.WorkingGroups, a.Mentions.WorkingGroups, $"{where} mentions"),
            Organisations = ctx.FindAll(records.Organisations, a.Mentions.Organisations, $"{where} mentions"),
        };
    }
}
