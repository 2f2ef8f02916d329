using System.Net;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Issues;

namespace SesecPortal.IntegrationTests.Issues;

/// <summary>The print edition, previews and empty sections.</summary>
public sealed class IssuePreviewTests(IntegrationFixture fixture) : IssueBuilderTest(fixture)
{
    [Fact]
    public async Task The_print_edition_has_a_cover_the_takeaways_and_each_section_with_its_articles_in_full()
    {
        var (response, page) = await GetPageAsync("/issues/december-2021-january-2022/print");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector(".print-cover h1")!.TextContent.ShouldBe("December 2021 – January 2022");
        page.QuerySelector(".print-number")!.TextContent.ShouldBe("Issue 1");
        page.QuerySelectorAll("#takeaways .takeaways li").Length.ShouldBe(11);
        page.QuerySelectorAll(".print-article").Length.ShouldBe(13);
        page.QuerySelectorAll(".print-article .prose").ShouldAllBe(p => p.TextContent.Length > 100);
        (await GetPageAsync("/issues/december-2021-january-2022")).Document.QuerySelector("a[href='/issues/december-2021-january-2022/print']").ShouldNotBeNull();
    }

    [Fact]
    public async Task Empty_sections_are_flagged_in_the_builder_and_previews_and_left_out_of_the_published_issue_and_its_print_edition()
    {
        using var editor = await SignedInAsync(Editor, Roles.Editor);
        var issueId = await NextIssueAsync();
        var sections = (await IssueAsync(issueId)).Sections;
        sections.Count.ShouldBeGreaterThan(1, "the next issue starts with the sections of the last one");
        await ArrangeAsync(issueId, ArrangeIssue.Operation.AddArticle, section: sections[0].Id, article: await ApprovedArticleAsync("The only article"));
        var empty = sections.Skip(1).Select(s => s.Title).ToList();

        var builder = await editor.GetStringAsync(new Uri($"/editor/issues/{issueId}", UriKind.Relative), Ct);
        var preview = await editor.GetStringAsync(new Uri($"/editor/issues/{issueId}/preview", UriKind.Relative), Ct);
        var printPreview = await editor.GetStringAsync(new Uri($"/editor/issues/{issueId}/preview?print=true", UriKind.Relative), Ct);

        builder.ShouldContain($"{empty.Count} sections have no articles and will be left out: {System.Net.WebUtility.HtmlEncode(string.Join(", ", empty))}");
        System.Text.RegularExpressions.Regex.Count(builder, "No articles yet: this section is left out").ShouldBe(empty.Count);
        System.Text.RegularExpressions.Regex.Count(preview, "This section has no articles").ShouldBe(empty.Count);
        printPreview.ShouldContain("without articles are left out of the published issue and of this print edition");

        await As(Editor, async () => await SendAsync(new PublishIssue.Command(issueId, (await IssueAsync(issueId)).Version)));
        var page = (await GetPageAsync("/issues/february-march-2022")).Document;
        var print = (await GetPageAsync("/issues/february-march-2022/print")).Document;

        page.QuerySelectorAll(".issue-section h2").Select(h => h.TextContent.Trim()).ShouldBe([sections[0].Title]);
        page.QuerySelectorAll(".toc li").Select(li => li.TextContent.Trim()).ShouldBe([sections[0].Title]);
        var printHeadings = print.QuerySelectorAll("h2, li").Select(h => h.TextContent.Trim()).ToList();
        printHeadings.ShouldContain(sections[0].Title);
        printHeadings.Intersect(empty).ShouldBeEmpty();
    }

    [Fact]
    public async Task Editors_preview_an_unpublished_issue_with_its_articles()
    {
        using var editor = await SignedInAsync(Editor, Roles.Editor);
        var issueId = await NextIssueAsync();
        var article = await ApprovedArticleAsync("Waiting");
        await ArrangeAsync(issueId, ArrangeIssue.Operation.AddArticle, section: (await IssueAsync(issueId)).Sections[0].Id, article: article);

        var html = await editor.GetStringAsync(new Uri($"/editor/issues/{issueId}/preview", UriKind.Relative), Ct);
        html.ShouldContain("Waiting");
        (await editor.GetStringAsync(new Uri($"/editor/issues/{issueId}/preview?print=true", UriKind.Relative), Ct)).ShouldContain("Body of Waiting.");
    }
}
