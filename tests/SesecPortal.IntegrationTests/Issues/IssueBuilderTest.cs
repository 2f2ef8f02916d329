using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.Issues;

namespace SesecPortal.IntegrationTests.Issues;

/// <summary>The issue builder: the next issue proposed, sections and articles arranged, takeaways, atomic publish, print.</summary>
public abstract class IssueBuilderTest(IntegrationFixture fixture) : PortalTest(fixture)
{
    protected const string Editor = "editor@example.com";
    protected const string Second = "second@example.com";

    protected async Task<T> As<T>(string user, Func<Task<T>> act)
    {
        using var _ = Fixture.ActAs(user, Roles.Editor);
        return await act();
    }

    /// <summary>An article written by one editor and approved by another, not yet published.</summary>
    protected async Task<int> ApprovedArticleAsync(string title)
    {
        await using var db = Fixture.Database.CreateDbContext();
        var sector = await db.Sectors.Where(s => s.Slug == "ict").Select(s => s.Id).SingleAsync(Ct);
        var saved = await As(Editor, () => SendAsync(new SaveArticle.Command { Title = title, Summary = "Takeaway.", Body = $"Body of {title}.", SectorIds = [sector] }));
        foreach (var (user, action) in new[] { (Editor, ReviewArticle.Action.Submit), (Second, ReviewArticle.Action.Approve) })
        {
            var open = await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == saved.ArticleId).OrderByDescending(r => r.Number).FirstAsync(Ct);
            await As(user, () => SendAsync(new ReviewArticle.Command { ArticleId = saved.ArticleId, RevisionId = open.Id, Version = open.Version, Do = action }));
        }

        return saved.ArticleId;
    }

    protected async Task<int> NextIssueAsync()
    {
        var proposal = await As(Editor, () => SendAsync(new ProposeNextIssue.Query()));
        return await As(Editor, () => SendAsync(proposal));
    }

    protected async Task ArrangeAsync(int issueId, ArrangeIssue.Operation op, int? section = null, int? article = null, int? takeaway = null, string? title = null, string? summary = null, List<int>? order = null) =>
        await As(Editor, () => SendAsync(new ArrangeIssue.Command
        {
            IssueId = issueId, Op = op, SectionId = section, ArticleId = article, TakeawayId = takeaway, Title = title, Summary = summary, Order = order ?? [],
        }));

    protected async Task<int> SeedIssueIdAsync()
    {
        await using var db = Fixture.Database.CreateDbContext();
        return await db.Issues.Where(i => i.Slug == "december-2021-january-2022").Select(i => i.Id).SingleAsync(Ct);
    }

    protected async Task<GetIssueForEditing.Result> IssueAsync(int id) => (await SendAsync(new GetIssueForEditing.Query(id))).ShouldNotBeNull();
}
