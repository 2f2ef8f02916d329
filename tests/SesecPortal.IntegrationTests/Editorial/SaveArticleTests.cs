using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.IntegrationTests.Editorial;

/// <summary>What saving an article refuses or cleans.</summary>
public sealed class SaveArticleTests(IntegrationFixture fixture) : ArticleWorkflowTest(fixture)
{
    [Fact]
    public async Task Script_in_markdown_never_reaches_the_page()
    {
        var saved = await SaveAs(Author, await NewArticleAsync(body: "Hello <script>alert(1)</script> <a href=\"javascript:alert(2)\" onclick=\"x()\">link</a>"));
        await ReviewAs(Author, saved.ArticleId, ReviewArticle.Action.Submit);
        await ReviewAs(Reviewer, saved.ArticleId, ReviewArticle.Action.Approve);
        await PublishAs(Reviewer, saved.ArticleId);

        var (response, page) = await GetPageAsync("/articles/miit-issues-data-centre-guideline");
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldNotContain("alert(");
        html.ShouldNotContain("onclick");
        page.QuerySelector(".prose")!.TextContent.ShouldContain("Hello");
    }

    [Theory]
    [InlineData("SectorIds", "Choose at least one sector: readers browse articles by sector.")]
    [InlineData("Title", "Give the article a title.")]
    [InlineData("Summary", "Write a summary: it is the takeaway readers see in lists and search results.")]
    [InlineData("EventDate", "Write the event date as 2021-12-06, or 2021-12 when only the month is known.")]
    [InlineData("SourceLinks", "Line 2 of the sources, “ftp://example.com/file”, is not a web address: links must start with http:// or https://.")]
    [InlineData("Body", "[[GB 99999-2030]] does not name a standard, policy, working group or organisation the portal holds: check the code, or remove the brackets.")]
    [InlineData("Slug", "Another article already has the address “china-meets-europe-sesec-presented-at-hamburg-summit”: choose another.")]
    [InlineData("Tags", "Keep each tag under 60 characters.")]
    public async Task Bad_input_is_refused_with_a_message_a_person_understands(string field, string message)
    {
        var command = await NewArticleAsync();
        switch (field)
        {
            case "SectorIds": command.SectorIds = []; break;
            case "Title": command.Title = " "; break;
            case "Summary": command.Summary = ""; break;
            case "EventDate": command.EventDate = "December 2021"; break;
            case "SourceLinks": command.SourceLinks = "https://example.com ok\nftp://example.com/file"; break;
            case "Body": command.Body = "See [[GB 99999-2030]]."; break;
            case "Slug": command.Slug = Seeded; break;
            case "Tags": command.Tags = new string('x', 61); break;
        }

        var refused = await Should.ThrowAsync<ValidationException>(() => SaveAs(Author, command));

        refused.Errors.Select(e => e.ErrorMessage).ShouldContain(message);
        await using var db = Fixture.Database.CreateDbContext();
        (await db.Articles.AnyAsync(a => a.Title == "MIIT issues data-centre guideline", Ct)).ShouldBeFalse();
    }
}
