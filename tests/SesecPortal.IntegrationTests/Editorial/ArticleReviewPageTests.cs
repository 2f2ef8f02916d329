using System.Net;
using SesecPortal.Application.Domain;

namespace SesecPortal.IntegrationTests.Editorial;

/// <summary>Approving and publishing on the editor page.</summary>
public sealed class ArticleReviewPageTests(IntegrationFixture fixture) : ArticleEditorTest(fixture)
{
    [Fact]
    public async Task The_author_is_not_offered_approve_and_is_told_why_while_a_second_editor_is()
    {
        using var author = await SignedInAsync("author@example.com", Roles.Editor);
        using var reviewer = await SignedInAsync("reviewer@example.com", Roles.Editor);
        var id = await CreateAsync(author, "Carbon market opens");
        await EditFormAsync(author, id, "SaveAndSubmit");

        var forAuthor = await EditPageAsync(author, id);
        var forReviewer = await EditPageAsync(reviewer, id);

        forAuthor.QuerySelectorAll("button[value=Approve]").ShouldBeEmpty();
        forAuthor.QuerySelector(".approve-note")!.TextContent.ShouldContain("another editor approves it");
        forReviewer.QuerySelectorAll("button[value=Approve]").ShouldHaveSingleItem();
        forReviewer.QuerySelector(".approve-note").ShouldBeNull();
    }

    [Fact]
    public async Task An_approval_leaves_last_saved_by_with_who_wrote_the_text()
    {
        using var author = await SignedInAsync("author@example.com", Roles.Editor);
        using var reviewer = await SignedInAsync("reviewer@example.com", Roles.Editor);
        var id = await CreateAsync(author, "Carbon market opens");
        await EditFormAsync(author, id, "SaveAndSubmit");

        (await WorkflowAsync(reviewer, id, "Review", "Approve")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var status = (await EditPageAsync(reviewer, id))
            .QuerySelector("section[aria-labelledby=status-title]")!.TextContent;
        status.ShouldContain("last saved by author@example.com");
        status.ShouldContain("approved by reviewer@example.com");
    }

    [Fact]
    public async Task An_editor_writes_submits_a_second_editor_approves_and_publishes_and_the_sector_page_shows_it_at_once()
    {
        using var author = await SignedInAsync("author@example.com", Roles.Editor);
        using var reviewer = await SignedInAsync("reviewer@example.com", Roles.Editor);
        // The sector page is cached for anonymous readers before the article exists.
        (await GetPageAsync("/sectors/carbon")).Document.Body!.TextContent.ShouldNotContain("Carbon market opens");

        var id = await CreateAsync(author, "Carbon market opens");
        (await EditFormAsync(author, id, "SaveAndSubmit")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await WorkflowAsync(reviewer, id, "Review", "Approve")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await WorkflowAsync(reviewer, id, "Publish")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await GetPageAsync("/sectors/carbon")).Document.QuerySelectorAll("a").Select(a => a.TextContent.Trim()).ShouldContain("Carbon market opens");
        (await GetPageAsync("/articles/carbon-market-opens")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_author_approving_their_own_revision_gets_409_and_the_reason()
    {
        using var author = await SignedInAsync("author@example.com", Roles.Editor);
        var id = await CreateAsync(author, "Carbon market opens");
        await EditFormAsync(author, id, "SaveAndSubmit");

        // Not offered on the page, and refused if posted all the same (an old tab, a hand-made request).
        var response = await WorkflowAsync(author, id, "Review", "SendBack", asAction: "Approve");

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ParseAsync(response)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("a second editor must approve it");
    }
}
