using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Seed.Loaders;

/// <summary>
/// Adds the seed's issues not stored yet, published, with their takeaways and sections; the articles this load adds go
/// into their sections (a stored article stays where an editor put it).
/// </summary>
internal static class IssueLoader
{
    public static async Task LoadAsync(PortalDbContext db, SeedContext ctx, SeedRecords records, CancellationToken ct)
    {
        var slugs = ctx.Seed.Issues.Select(i => i.Slug).ToList();
        var stored = await db.Issues.Where(i => slugs.Contains(i.Slug)).Select(i => i.Slug).ToListAsync(ct);
        foreach (var i in ctx.Seed.Issues.Where(i => !stored.Contains(i.Slug)))
        {
            var where = $"issue {i.Slug}";
            var published = ctx.Date(i.PublishedOn, where);
            var issue = new NewsletterIssue
            {
                Slug = i.Slug, Series = i.Series, Title = i.Title, Number = i.Number,
                PeriodStart = ctx.Date(i.PeriodStart, where) ?? default, PeriodEnd = ctx.Date(i.PeriodEnd, where) ?? default,
                PublishedOn = published, Status = PublicationStatus.Published, About = i.About?.Trim(),
                Takeaways = [.. i.Takeaways.Select((t, n) => new IssueTakeaway
                {
                    Title = t.Title, Summary = t.Summary, Position = n,
                    Article = t.Article is null ? null : ctx.Find(records.Articles, t.Article, $"{where} takeaway"),
                })],
            };
            foreach (var (s, n) in i.Sections.Select((s, n) => (s, n)))
            {
                issue.Sections.Add(NewSection(s, n, published, where, ctx, records));
            }

            db.Issues.Add(issue);
        }
    }

    private static IssueSection NewSection(SeedSection s, int position, DateOnly? published, string where, SeedContext ctx, SeedRecords records)
    {
        var section = new IssueSection { Slug = s.Slug, Title = s.Title, Note = s.Note?.Trim(), Position = position };
        foreach (var (slug, p) in s.Articles.Select((slug, p) => (slug, p)))
        {
            var article = ctx.Find(records.Articles, slug, $"{where} section {s.Slug}");
            if (article is not null && records.NewArticles.Any(a => a.Slug == slug))
            {
                article.Section = section;
                article.Position = p;
                article.PublishedOn = published;
            }
        }

        return section;
    }
}
