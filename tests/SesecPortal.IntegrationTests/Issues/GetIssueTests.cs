using SesecPortal.Application.Features.Issues;

namespace SesecPortal.IntegrationTests.Issues;

/// <summary>Reading and listing issues of the seed.</summary>
public sealed class GetIssueTests(IntegrationFixture fixture) : SeedReadTest(fixture)
{
    [Fact]
    public async Task Issue_lists_its_sections_in_order_with_their_articles()
    {
        var issue = (await SendAsync(new GetIssue.Query(IssueSlug))).ShouldNotBeNull();

        issue.Sections.Select(s => s.Title).ShouldBe(
            ["Horizontal Issues", "Energy efficiency", "Carbon emission", "ICT and digitalization", "Intelligent manufacturing", "Cybersecurity", "Special report", "Annex"]);
        issue.Sections[0].Articles.Select(a => a.Title).ShouldBe(
            ["China Meets Europe: SESEC Presented at Hamburg Summit", "SESEC Roundtable on China Standardisation Outline Successfully Held", "SAC Sets Plan for the Development of National Standards in the Next Five Years"]);
        issue.Sections.Sum(s => s.Articles.Count).ShouldBe(13);
        issue.Period.ShouldBe("1 December 2021 – 31 January 2022");
        issue.AboutHtml.ShouldContain("SESEC");
    }

    [Fact]
    public async Task Unknown_issue_is_not_found()
    {
        (await SendAsync(new GetIssue.Query("no-such-issue"))).ShouldBeNull();
    }

    [Fact]
    public async Task Listing_issues_counts_their_articles()
    {
        var issues = await SendAsync(new ListIssues.Query());

        issues.ShouldHaveSingleItem().Articles.ShouldBe(13);
    }
}
