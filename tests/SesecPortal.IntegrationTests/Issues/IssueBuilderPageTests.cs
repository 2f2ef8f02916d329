using System.Net;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Issues;

namespace SesecPortal.IntegrationTests.Issues;

/// <summary>The issue builder page.</summary>
public sealed class IssueBuilderPageTests(IntegrationFixture fixture) : IssueBuilderTest(fixture)
{
    [Fact]
    public async Task The_builder_page_creates_the_next_issue_and_arranges_it_without_javascript()
    {
        using var editor = await SignedInAsync(Editor, Roles.Editor);
        var article = await ApprovedArticleAsync("Picked");
        var proposal = await SendAsync(new ProposeNextIssue.Query());

        var created = await PostFormAsync(editor, "/editor/issues", "/editor/issues", [
            new("Input.Title", proposal.Title!), new("Input.Number", "2"), new("Input.Slug", proposal.Slug!), new("Input.Series", proposal.Series!),
            new("Input.PeriodStart", "2022-02-01"), new("Input.PeriodEnd", "2022-03-31")]);
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var path = created.Headers.Location!.ToString();
        var issueId = int.Parse(path.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        var section = (await IssueAsync(issueId)).Sections[0].Id;

        var added = await PostFormAsync(editor, path, $"{path}?handler=Arrange", [new("Op", "AddArticle"), new("SectionId", section.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("ArticleId", article.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await IssueAsync(issueId)).Sections[0].Articles.ShouldHaveSingleItem().Title.ShouldBe("Picked");

        var bad = await PostFormAsync(editor, path, $"{path}?handler=Arrange", [new("Op", "AddSection"), new("Title", "")]);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync(Ct)).ShouldContain("Give it a title.");
    }

    [Fact]
    public async Task Two_editors_saving_the_issue_details_the_second_gets_409_with_both_versions()
    {
        using var editor = await SignedInAsync(Editor, Roles.Editor);
        var id = await SeedIssueIdAsync();
        var issue = await IssueAsync(id);
        await As(Second, () => SendAsync(new EditIssue.Command { Id = id, Version = issue.Version, Title = "Changed by the first", Number = 1, PeriodStart = issue.PeriodStart, PeriodEnd = issue.PeriodEnd }));

        var response = await PostFormAsync(editor, $"/editor/issues/{id}", $"/editor/issues/{id}?handler=Details", [
            new("Input.Version", issue.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Input.Title", "Changed by the second"), new("Input.Number", "1"),
            new("Input.PeriodStart", "2021-12-01"), new("Input.PeriodEnd", "2022-01-31")]);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("Title: Changed by the first");
        html.ShouldContain("Title: Changed by the second");
    }
}
