using System.Net;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Issues;

namespace SesecPortal.IntegrationTests.Issues;

/// <summary>Proposing and creating the next issue.</summary>
public sealed class CreateIssueTests(IntegrationFixture fixture) : IssueBuilderTest(fixture)
{
    [Fact]
    public async Task The_next_issue_is_proposed_from_the_last_one()
    {
        var proposal = await SendAsync(new ProposeNextIssue.Query());

        proposal.Title.ShouldBe("February – March 2022");
        proposal.Number.ShouldBe(2);
        proposal.Slug.ShouldBe("february-march-2022");
        (proposal.PeriodStart, proposal.PeriodEnd).ShouldBe((new DateOnly(2022, 2, 1), new DateOnly(2022, 3, 31)));
        proposal.Series.ShouldBe("SESEC IV China Standardisation Newsletter");
    }

    [Fact]
    public async Task A_new_issue_starts_unpublished_with_the_sections_of_the_last_one()
    {
        var issue = await IssueAsync(await NextIssueAsync());

        issue.Status.ShouldBe(PublicationStatus.Draft);
        issue.Sections.Select(s => s.Title).ShouldBe((await IssueAsync(await SeedIssueIdAsync())).Sections.Select(s => s.Title));
        issue.Sections.ShouldAllBe(s => s.Articles.Count == 0);
        (await GetPageAsync("/issues/february-march-2022")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Creating_an_issue_with_a_number_that_exists_is_refused()
    {
        var proposal = await SendAsync(new ProposeNextIssue.Query());
        proposal.Number = 1;

        var refused = await Should.ThrowAsync<FluentValidation.ValidationException>(() => As(Editor, () => SendAsync(proposal)));

        refused.Errors.Select(e => e.ErrorMessage).ShouldContain("Issue number 1 already exists.");
    }
}
