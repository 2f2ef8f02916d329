using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.IntegrationTests.Editorial;

/// <summary>Writing, reviewing and publishing articles: the workflow, revisions of published text, history, references, conflicts.</summary>
public abstract class ArticleWorkflowTest(IntegrationFixture fixture) : PortalTest(fixture)
{
    protected const string Author = "author@example.com";
    protected const string Reviewer = "reviewer@example.com";
    protected const string Seeded = "china-meets-europe-sesec-presented-at-hamburg-summit";

    protected async Task<int> SectorIdAsync(string slug)
    {
        await using var db = Fixture.Database.CreateDbContext();
        return await db.Sectors.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync(Ct);
    }

    protected async Task<SaveArticle.Command> NewArticleAsync(string title = "MIIT issues data-centre guideline", string body = "The guideline sets a PUE target of **1.3**.") =>
        new()
        {
            Title = title,
            Summary = "A short takeaway.",
            Body = body,
            EventDate = "2022-02",
            Tags = "ICT, #Carbon emission",
            SectorIds = [await SectorIdAsync("ict")],
            SourceLinks = "https://www.miit.gov.cn/notice MIIT notice",
        };

    protected async Task<T> AsAsync<T>(string user, Func<Task<T>> act, params string[] roles)
    {
        using var _ = Fixture.ActAs(user, roles.Length == 0 ? [Roles.Editor] : roles);
        return await act();
    }

    protected Task<SaveArticle.Result> SaveAs(string user, SaveArticle.Command command) => AsAsync(user, () => SendAsync(command));

    protected async Task<ArticleRevision> OpenRevisionAsync(int articleId)
    {
        await using var db = Fixture.Database.CreateDbContext();
        return await db.ArticleRevisions.AsNoTracking()
            .Where(r => r.ArticleId == articleId && (r.State == RevisionState.Draft || r.State == RevisionState.InReview || r.State == RevisionState.Approved))
            .SingleAsync(Ct);
    }

    protected async Task ReviewAs(string user, int articleId, ReviewArticle.Action action, DateTimeOffset? at = null, string? comment = null)
    {
        var open = await OpenRevisionAsync(articleId);
        await AsAsync(user, () => SendAsync(new ReviewArticle.Command
        {
            ArticleId = articleId, RevisionId = open.Id, Version = open.Version, Do = action, ScheduledFor = at, Comment = comment,
        }));
    }

    protected async Task PublishAs(string user, int articleId)
    {
        var open = await OpenRevisionAsync(articleId);
        await AsAsync(user, () => SendAsync(new PublishArticle.Command(articleId, open.Id, open.Version)));
    }

    protected async Task<string> SlugOfAsync(int articleId)
    {
        await using var db = Fixture.Database.CreateDbContext();
        return await db.Articles.Where(a => a.Id == articleId).Select(a => a.Slug).SingleAsync(Ct);
    }
}
