using SesecPortal.Application.Domain;

namespace SesecPortal.UnitTests.Domain;

/// <summary>The issue's arranging rules, without a database: order, moves across sections, what is refused.</summary>
public sealed class IssueArrangementTests
{
    private static Article ArticleOf(int id, int sectionId, int position) =>
        new() { Id = id, Slug = $"a{id}", Title = $"Article {id}", Summary = "", Body = "", SectionId = sectionId, Position = position };

    private static NewsletterIssue TwoSections()
    {
        var issue = new NewsletterIssue { Slug = "i", Series = "SESEC", Title = "Issue" };
        var policy = new IssueSection { Id = 1, Slug = "policy", Title = "Policy", Position = 0, Articles = [ArticleOf(10, 1, 0), ArticleOf(11, 1, 1)] };
        var standards = new IssueSection { Id = 2, Slug = "standards", Title = "Standards", Position = 1, Articles = [ArticleOf(20, 2, 0)] };
        issue.Sections.AddRange([policy, standards]);
        return issue;
    }

    private static List<int> Order(IssueSection section) => [.. section.Articles.OrderBy(a => a.Position).Select(a => a.Id)];

    [Fact]
    public void An_article_moved_down_off_its_sections_end_goes_first_into_the_next_section()
    {
        var issue = TwoSections();
        var last = issue.Sections[0].Articles.Single(a => a.Id == 11);

        var detail = issue.MoveArticle(last, up: false);

        detail.ShouldBe("moved “Article 11” down");
        last.SectionId.ShouldBe(2);
        Order(issue.Sections[1]).ShouldBe([11, 20]);
        Order(issue.Sections[0]).ShouldBe([10]);
    }

    [Fact]
    public void An_article_moved_up_within_its_section_swaps_places()
    {
        var issue = TwoSections();

        issue.MoveArticle(issue.Sections[0].Articles.Single(a => a.Id == 11), up: true);

        Order(issue.Sections[0]).ShouldBe([11, 10]);
    }

    [Fact]
    public void A_section_with_articles_cannot_be_removed_and_an_empty_one_renumbers_the_rest()
    {
        var issue = TwoSections();

        Should.Throw<WorkflowException>(() => issue.RemoveSection(issue.Sections[0])).Message.ShouldContain("still holds 2 article(s)");

        issue.AddSection("Events");
        var events = issue.Sections.Single(s => s.Title == "Events");
        issue.MoveSection(events, up: true);
        issue.RemoveSection(events).ShouldBe("removed section “Events”");
        issue.Sections.OrderBy(s => s.Position).Select(s => (s.Title, s.Position)).ShouldBe([("Policy", 0), ("Standards", 1)]);
    }

    [Fact]
    public void A_new_section_gets_a_slug_of_its_own()
    {
        var issue = TwoSections();

        issue.AddSection("Policy");

        issue.Sections.Select(s => s.Slug).ShouldBe(["policy", "standards", "policy-2"]);
    }

    [Fact]
    public void A_reorder_that_does_not_hold_exactly_the_sections_articles_is_refused()
    {
        var issue = TwoSections();

        Should.Throw<WorkflowException>(() => NewsletterIssue.ReorderArticles(issue.Sections[0], [10, 20])).Message.ShouldContain("changed while you were arranging");
        NewsletterIssue.ReorderArticles(issue.Sections[0], [11, 10]);
        Order(issue.Sections[0]).ShouldBe([11, 10]);
    }

    [Fact]
    public void A_takeaway_points_to_an_article_of_the_issue_or_to_none()
    {
        var issue = TwoSections();

        Should.Throw<WorkflowException>(() => issue.AddTakeaway("T", "S", articleId: 99));
        issue.AddTakeaway("T", "S", articleId: 20);
        issue.AddTakeaway("U", "S", articleId: null);
        issue.MoveTakeaway(issue.Takeaways[1], up: true);
        issue.Takeaways.OrderBy(t => t.Position).Select(t => t.Title).ShouldBe(["U", "T"]);
    }

    [Fact]
    public void An_article_already_in_an_issue_is_not_added_to_another()
    {
        var issue = TwoSections();
        var elsewhere = ArticleOf(30, 7, 0);

        Should.Throw<WorkflowException>(() => NewsletterIssue.AddArticle(issue.Sections[1], elsewhere));
        var free = ArticleOf(31, 0, 0);
        free.SectionId = null;
        NewsletterIssue.AddArticle(issue.Sections[1], free).ShouldBe("added “Article 31” to “Standards”");
        free.Position.ShouldBe(1);
    }
}
