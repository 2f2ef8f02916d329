using System.Net;
using SesecPortal.Application.Domain;

namespace SesecPortal.IntegrationTests.Editorial;

/// <summary>The history page of a reference item (issue 4).</summary>
public sealed class ReferenceHistoryPageTests(IntegrationFixture fixture) : ReferenceDataTest(fixture)
{
    [Fact]
    public async Task The_history_page_lists_versions_and_shows_the_differences_between_two_chosen()
    {
        using var client = await SignedInAsync(Editor, Roles.Editor);
        var id = await IdAsync(db => db.Organisations, "cac");
        await PostEditFormAsync(client, $"/editor/organisations/{id}", new() { ["Input.Abbreviation"] = "CAC-1" });
        await PostEditFormAsync(client, $"/editor/organisations/{id}", new() { ["Input.Abbreviation"] = "CAC-2" });
        await PostEditFormAsync(client, $"/editor/organisations/{id}", new() { ["Input.Abbreviation"] = "CAC-3" });

        var (status, html) = await GetAsync(client, $"/editor/organisations/{id}/history?from=1&to=3");

        status.ShouldBe(HttpStatusCode.OK);
        var document = await ParseHtmlAsync(html);
        document.QuerySelectorAll("tbody tr").Length.ShouldBe(3);
        document.QuerySelector("h2")!.TextContent.ShouldBe("Changes from version 1 to version 3");
        document.QuerySelector(".diff-del")!.TextContent.ShouldContain("Abbreviation: CAC-1");
        document.QuerySelector(".diff-ins")!.TextContent.ShouldContain("Abbreviation: CAC-3");
    }
}
