using System.Net;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.IntegrationTests.Editorial;

/// <summary>Unpublishing an article.</summary>
public sealed class UnpublishArticleTests(IntegrationFixture fixture) : ArticleWorkflowTest(fixture)
{
    [Fact]
    public async Task Unpublishing_takes_the_article_offline_and_it_can_be_published_again()
    {
        var saved = await SaveAs(Author, await NewArticleAsync());
        await ReviewAs(Author, saved.ArticleId, ReviewArticle.Action.Submit);
        await ReviewAs(Reviewer, saved.ArticleId, ReviewArticle.Action.Approve);
        await PublishAs(Reviewer, saved.ArticleId);

        await AsAsync(Reviewer, () => SendAsync(new UnpublishArticle.Command(saved.ArticleId)));
        (await GetPageAsync("/articles/miit-issues-data-centre-guideline")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await OpenRevisionAsync(saved.ArticleId)).State.ShouldBe(RevisionState.Approved);
        await PublishAs(Reviewer, saved.ArticleId);
        (await GetPageAsync("/articles/miit-issues-data-centre-guideline")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
