using System.Net;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.IntegrationTests.Editorial;

/// <summary>Drafts, submitting, approving by a second editor, publishing what was approved.</summary>
public sealed class ReviewArticleTests(IntegrationFixture fixture) : ArticleWorkflowTest(fixture)
{
    [Fact]
    public async Task A_new_article_is_a_draft_readers_cannot_see()
    {
        var saved = await SaveAs(Author, await NewArticleAsync());

        var slug = await SlugOfAsync(saved.ArticleId);
        slug.ShouldBe("miit-issues-data-centre-guideline");
        (await GetPageAsync($"/articles/{slug}")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await OpenRevisionAsync(saved.ArticleId)).State.ShouldBe(RevisionState.Draft);
    }

    [Fact]
    public async Task Submitted_approved_by_a_second_editor_and_published_it_appears_on_its_sector_page()
    {
        var saved = await SaveAs(Author, await NewArticleAsync());
        await ReviewAs(Author, saved.ArticleId, ReviewArticle.Action.Submit);
        await ReviewAs(Reviewer, saved.ArticleId, ReviewArticle.Action.Approve);
        await PublishAs(Reviewer, saved.ArticleId);

        var (response, page) = await GetPageAsync("/articles/miit-issues-data-centre-guideline");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.ShouldBe("MIIT issues data-centre guideline");
        page.QuerySelector(".article strong")!.TextContent.ShouldBe("1.3");
        (await GetPageAsync("/sectors/ict")).Document.QuerySelectorAll("a").Select(a => a.GetAttribute("href"))
            .ShouldContain("/articles/miit-issues-data-centre-guideline");
    }

    [Fact]
    public async Task The_author_cannot_approve_their_own_revision()
    {
        var saved = await SaveAs(Author, await NewArticleAsync());
        await ReviewAs(Author, saved.ArticleId, ReviewArticle.Action.Submit);

        var refused = await Should.ThrowAsync<WorkflowException>(() => ReviewAs(Author, saved.ArticleId, ReviewArticle.Action.Approve));

        refused.Message.ShouldBe("You wrote this revision: a second editor must approve it.");
        (await OpenRevisionAsync(saved.ArticleId)).State.ShouldBe(RevisionState.InReview);
    }

    [Fact]
    public async Task Only_an_approved_revision_can_be_published()
    {
        var saved = await SaveAs(Author, await NewArticleAsync());

        var refused = await Should.ThrowAsync<WorkflowException>(() => PublishAs(Reviewer, saved.ArticleId));

        refused.Message.ShouldBe("Only an approved revision can be published.");
    }

    [Fact]
    public async Task Editing_an_approved_revision_sends_it_back_to_draft()
    {
        var saved = await SaveAs(Author, await NewArticleAsync());
        await ReviewAs(Author, saved.ArticleId, ReviewArticle.Action.Submit);
        await ReviewAs(Reviewer, saved.ArticleId, ReviewArticle.Action.Approve);
        var open = await OpenRevisionAsync(saved.ArticleId);

        var edit = await NewArticleAsync(body: "Changed after approval.");
        edit.ArticleId = saved.ArticleId;
        edit.RevisionId = open.Id;
        edit.Version = open.Version;
        await SaveAs(Author, edit);

        var after = await OpenRevisionAsync(saved.ArticleId);
        after.State.ShouldBe(RevisionState.Draft);
        after.ApprovedByName.ShouldBeNull();
    }
}
