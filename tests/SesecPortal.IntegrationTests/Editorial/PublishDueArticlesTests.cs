using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.IntegrationTests.Editorial;

/// <summary>Articles scheduled for later.</summary>
public sealed class PublishDueArticlesTests(IntegrationFixture fixture) : ArticleWorkflowTest(fixture)
{
    [Fact]
    public async Task An_approved_revision_scheduled_for_later_is_published_when_its_time_comes()
    {
        var saved = await SaveAs(Author, await NewArticleAsync());
        await ReviewAs(Author, saved.ArticleId, ReviewArticle.Action.Submit);
        var now = DateTimeOffset.UtcNow;
        var at = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddDays(2);
        await ReviewAs(Reviewer, saved.ArticleId, ReviewArticle.Action.Approve, at);

        async Task<int> PublishDueOn(DateTimeOffset now)
        {
            await using var scope = Fixture.CreateScope();
            var handler = new PublishDueArticles.Handler(
                scope.ServiceProvider.GetRequiredService<PortalDbContext>(), scope.ServiceProvider.GetRequiredService<ArticlePublisher>(), new FakeTimeProvider(now));
            return await handler.Handle(new PublishDueArticles.Command(), Ct);
        }

        (await OpenRevisionAsync(saved.ArticleId)).State.ShouldBe(RevisionState.Approved);
        (await PublishDueOn(at.AddMinutes(-1))).ShouldBe(0);
        (await OpenRevisionAsync(saved.ArticleId)).ScheduledFor.ShouldBe(at);
        (await GetPageAsync("/articles/miit-issues-data-centre-guideline")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PublishDueOn(at.AddMinutes(1))).ShouldBe(1);
        (await GetPageAsync("/articles/miit-issues-data-centre-guideline")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_schedule_in_the_past_is_refused()
    {
        var saved = await SaveAs(Author, await NewArticleAsync());
        await ReviewAs(Author, saved.ArticleId, ReviewArticle.Action.Submit);

        var refused = await Should.ThrowAsync<WorkflowException>(() => ReviewAs(Reviewer, saved.ArticleId, ReviewArticle.Action.Approve, DateTimeOffset.UtcNow.AddHours(-1)));

        refused.Message.ShouldBe("A scheduled publication must be in the future.");
    }
}
