using System.Net;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;

namespace SesecPortal.IntegrationTests.Editorial;

/// <summary>The history and audit log pages of articles.</summary>
public sealed class ArticleHistoryPageTests(IntegrationFixture fixture) : ArticleEditorTest(fixture)
{
    [Fact]
    public async Task The_history_page_shows_the_diff_between_two_revisions()
    {
        using var author = await SignedInAsync("author@example.com", Roles.Editor);
        await using (var db = Fixture.Database.CreateDbContext())
        {
            var id = await db.Articles.Where(a => a.Slug == "china-meets-europe-sesec-presented-at-hamburg-summit").Select(a => a.Id).SingleAsync(Ct);
            var edit = await ParseAsync(await author.GetAsync(new Uri($"/editor/articles/{id}", UriKind.Relative), Ct));
            var fields = edit.QuerySelectorAll("form.edit-form input[type=hidden], form.edit-form input[name^='Input.'], form.edit-form textarea")
                .Where(e => e.GetAttribute("type") != "checkbox")
                .Select(e => new KeyValuePair<string, string>(e.GetAttribute("name")!, e.TagName == "TEXTAREA" ? e.TextContent : e.GetAttribute("value") ?? ""))
                .Where(f => f.Key != "Input.Title")
                .Append(new("Input.Title", "A better title"))
                .Concat(edit.QuerySelectorAll("form.edit-form input[type=checkbox][checked]").Select(c => new KeyValuePair<string, string>(c.GetAttribute("name")!, c.GetAttribute("value")!)));
            using var content = new FormUrlEncodedContent(fields);
            (await author.PostAsync(new Uri($"/editor/articles/{id}?handler=Save", UriKind.Relative), content, Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

            var history = await ParseAsync(await author.GetAsync(new Uri($"/editor/articles/{id}/history?from=1&to=2", UriKind.Relative), Ct));
            history.QuerySelector(".diff-del")!.TextContent.ShouldContain("Title: China Meets Europe: SESEC Presented at Hamburg Summit");
            history.QuerySelector(".diff-ins")!.TextContent.ShouldContain("Title: A better title");
            history.QuerySelectorAll(".diff-ins").Length.ShouldBe(1, "only the title changed");
        }
    }

    [Fact]
    public async Task The_audit_log_page_lists_who_did_what()
    {
        using var author = await SignedInAsync("author@example.com", Roles.Editor);
        await CreateAsync(author, "Carbon market opens");

        var page = await ParseAsync(await author.GetAsync(new Uri("/editor/audit", UriKind.Relative), Ct));

        var row = page.QuerySelector("tbody tr")!;
        row.TextContent.ShouldContain("author@example.com");
        row.TextContent.ShouldContain("created");
        row.QuerySelector("a")!.TextContent.ShouldBe("Carbon market opens");
    }
}
