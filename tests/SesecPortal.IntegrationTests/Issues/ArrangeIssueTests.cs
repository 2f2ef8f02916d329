using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Issues;

namespace SesecPortal.IntegrationTests.Issues;

/// <summary>Arranging articles and takeaways in an issue.</summary>
public sealed class ArrangeIssueTests(IntegrationFixture fixture) : IssueBuilderTest(fixture)
{
    [Fact]
    public async Task Articles_are_picked_into_sections_and_ordered_with_buttons_or_a_new_order()
    {
        var issueId = await NextIssueAsync();
        var first = await ApprovedArticleAsync("First");
        var second = await ApprovedArticleAsync("Second");
        var third = await ApprovedArticleAsync("Third");
        var sections = (await IssueAsync(issueId)).Sections;
        (await IssueAsync(issueId)).Candidates.Select(c => c.Id).ShouldBe([third, second, first], ignoreOrder: true);

        foreach (var id in new[] { first, second, third })
        {
            await ArrangeAsync(issueId, ArrangeIssue.Operation.AddArticle, section: sections[0].Id, article: id);
        }

        await ArrangeAsync(issueId, ArrangeIssue.Operation.MoveArticleUp, article: third);
        (await IssueAsync(issueId)).Sections[0].Articles.Select(a => a.Title).ShouldBe(["First", "Third", "Second"]);

        await ArrangeAsync(issueId, ArrangeIssue.Operation.ReorderArticles, section: sections[0].Id, order: [second, first, third]);
        (await IssueAsync(issueId)).Sections[0].Articles.Select(a => a.Title).ShouldBe(["Second", "First", "Third"]);

        // Down from the last place goes to the top of the next section.
        await ArrangeAsync(issueId, ArrangeIssue.Operation.MoveArticleDown, article: third);
        var after = await IssueAsync(issueId);
        after.Sections[0].Articles.Select(a => a.Title).ShouldBe(["Second", "First"]);
        after.Sections[1].Articles.Select(a => a.Title).ShouldBe(["Third"]);

        await ArrangeAsync(issueId, ArrangeIssue.Operation.MoveSectionUp, section: sections[1].Id);
        (await IssueAsync(issueId)).Sections.Select(s => s.Id).Take(2).ShouldBe([sections[1].Id, sections[0].Id]);
    }

    [Fact]
    public async Task Takeaways_are_written_ordered_and_linked_to_an_article_of_the_issue()
    {
        var issueId = await NextIssueAsync();
        var article = await ApprovedArticleAsync("First");
        var section = (await IssueAsync(issueId)).Sections[0].Id;
        await ArrangeAsync(issueId, ArrangeIssue.Operation.AddArticle, section: section, article: article);

        await ArrangeAsync(issueId, ArrangeIssue.Operation.AddTakeaway, title: "One", summary: "First point.", article: article);
        await ArrangeAsync(issueId, ArrangeIssue.Operation.AddTakeaway, title: "Two", summary: "Second point.");
        var two = (await IssueAsync(issueId)).Takeaways[1];
        await ArrangeAsync(issueId, ArrangeIssue.Operation.MoveTakeawayUp, takeaway: two.Id);
        await ArrangeAsync(issueId, ArrangeIssue.Operation.EditTakeaway, takeaway: two.Id, title: "Two (edited)", summary: "Better.");

        (await IssueAsync(issueId)).Takeaways.Select(t => (t.Title, t.ArticleId)).ShouldBe([("Two (edited)", null), ("One", article)]);
        var elsewhere = await ApprovedArticleAsync("Not in this issue");
        var refused = await Should.ThrowAsync<WorkflowException>(() => ArrangeAsync(issueId, ArrangeIssue.Operation.AddTakeaway, title: "X", summary: "Y", article: elsewhere));
        refused.Message.ShouldBe("A takeaway can only point to an article of this issue.");
    }
}
