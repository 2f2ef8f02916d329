using System.Net;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;

namespace SesecPortal.IntegrationTests.Editorial;

/// <summary>Writing, saving, previewing an article on its editor page.</summary>
public sealed class ArticleEditorPageTests(IntegrationFixture fixture) : ArticleEditorTest(fixture)
{
    [Fact]
    public async Task Text_typed_and_then_submitted_for_review_is_saved_with_the_submission()
    {
        using var author = await SignedInAsync("author@example.com", Roles.Editor);
        var id = await CreateAsync(author, "Carbon market opens", "First thoughts.");

        var response = await EditFormAsync(author, id, "SaveAndSubmit", f => Replace(f, "Input.Body", "Second thoughts, typed just before submitting."));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using var db = Fixture.Database.CreateDbContext();
        var revision = await db.ArticleRevisions.SingleAsync(r => r.ArticleId == id, Ct);
        revision.State.ShouldBe(RevisionState.InReview);
        revision.Body.ShouldBe("Second thoughts, typed just before submitting.");
        // The page no longer has a submit form of its own that would send the revision without the text.
        var page = await EditPageAsync(author, id);
        page.QuerySelectorAll("button[value=Submit]").ShouldBeEmpty();
    }

    [Fact]
    public async Task Save_and_submit_with_a_problem_in_the_form_submits_nothing_and_keeps_the_text()
    {
        using var author = await SignedInAsync("author@example.com", Roles.Editor);
        var id = await CreateAsync(author, "Carbon market opens", "First thoughts.");

        var response = await EditFormAsync(author, id, "SaveAndSubmit", f =>
        {
            Replace(f, "Input.Title", "");
            Replace(f, "Input.Body", "Kept, though the title is missing.");
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ParseAsync(response)).QuerySelector("textarea[name='Input.Body']")!.TextContent.ShouldBe("Kept, though the title is missing.");
        await using var db = Fixture.Database.CreateDbContext();
        (await db.ArticleRevisions.SingleAsync(r => r.ArticleId == id, Ct)).State.ShouldBe(RevisionState.Draft);
    }

    [Fact]
    public async Task Bad_input_gets_400_with_messages_next_to_the_fields_and_keeps_what_was_typed()
    {
        using var author = await SignedInAsync("author@example.com", Roles.Editor);
        var fields = (await ArticleFieldsAsync("Carbon market opens", "Typed with care.")).Where(f => f.Key != "Input.SectorIds")
            .Append(new("Input.SourceLinks", "javascript:alert(1)")).ToList();

        var response = await PostFormAsync(author, "/editor/articles/new", "/editor/articles/new?handler=Save", fields);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await ParseAsync(response);
        page.QuerySelector("#sectors-error")!.TextContent.ShouldBe("Choose at least one sector: readers browse articles by sector.");
        page.QuerySelector("#sources-error")!.TextContent.ShouldContain("links must start with http:// or https://");
        page.QuerySelector("textarea[name='Input.Body']")!.TextContent.ShouldBe("Typed with care.");
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused()
    {
        using var author = await SignedInAsync("author@example.com", Roles.Editor);
        using var content = new FormUrlEncodedContent(await ArticleFieldsAsync("Carbon market opens", "x"));

        var response = await author.PostAsync(new Uri("/editor/articles/new?handler=Save", UriKind.Relative), content, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await using var db = Fixture.Database.CreateDbContext();
        (await db.Articles.AnyAsync(a => a.Title == "Carbon market opens", Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task Preview_works_without_javascript_and_saves_nothing()
    {
        using var author = await SignedInAsync("author@example.com", Roles.Editor);

        var response = await PostFormAsync(author, "/editor/articles/new", "/editor/articles/new?handler=Preview",
            await ArticleFieldsAsync("Carbon market opens", "Meets [[GB 55015-2021]] <script>alert(1)</script>"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var preview = (await ParseAsync(response)).QuerySelector("#live-preview")!;
        preview.HasAttribute("hidden").ShouldBeFalse();
        preview.QuerySelector("a")!.GetAttribute("href").ShouldBe("/standards/gb-55015-2021");
        preview.InnerHtml.ShouldNotContain("<script");
        await using var db = Fixture.Database.CreateDbContext();
        (await db.Articles.AnyAsync(a => a.Title == "Carbon market opens", Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task The_live_preview_endpoint_returns_sanitised_html_and_names_unknown_references()
    {
        using var author = await SignedInAsync("author@example.com", Roles.Editor);

        var response = await PostFormAsync(author, "/editor/articles/new", "/editor/preview", [new("markdown", "**Bold** [[GB 99999-2030]] <img src=x onerror=alert(1)>")]);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("<strong>Bold</strong>");
        html.ShouldContain("Not found: [[GB 99999-2030]]");
        html.ShouldNotContain("onerror");
    }

    [Fact]
    public async Task Two_editors_saving_the_same_article_the_second_gets_a_conflict_page_with_both_versions_and_keeps_their_text()
    {
        using var first = await SignedInAsync("first@example.com", Roles.Editor);
        using var second = await SignedInAsync("second@example.com", Roles.Editor);
        var id = await CreateAsync(first, "Carbon market opens", "Original.");
        // Both open the edit page; each form carries the version it was drawn from.
        var firstToken = await AntiforgeryTokenAsync(first, $"/editor/articles/{id}");
        var secondPage = await ParseAsync(await second.GetAsync(new Uri($"/editor/articles/{id}", UriKind.Relative), Ct));
        var secondFields = secondPage.QuerySelectorAll("form.edit-form input[type=hidden]")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
        var firstFields = secondFields.Where(f => f.Key != "__RequestVerificationToken").Append(new("__RequestVerificationToken", firstToken));

        using (var content = new FormUrlEncodedContent(firstFields.Concat((await ArticleFieldsAsync("Carbon market opens", "First editor's text.")).Skip(0))))
        {
            (await first.PostAsync(new Uri($"/editor/articles/{id}?handler=Save", UriKind.Relative), content, Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        using var late = new FormUrlEncodedContent(secondFields.Concat(await ArticleFieldsAsync("Carbon market opens", "Second editor's text.")));
        var response = await second.PostAsync(new Uri($"/editor/articles/{id}?handler=Save", UriKind.Relative), late, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var page = await ParseAsync(response);
        var versions = page.QuerySelectorAll(".conflict pre.snapshot").Select(p => p.TextContent).ToList();
        versions[0].ShouldContain("First editor's text.");
        versions[1].ShouldContain("Second editor's text.");
        page.QuerySelector("textarea[name='Input.Body']")!.TextContent.ShouldBe("Second editor's text.");

        // Saving the conflict page's form again replaces the stored version knowingly.
        var retry = page.QuerySelectorAll("form.edit-form input[type=hidden]")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))
            .Concat(await ArticleFieldsAsync("Carbon market opens", "Second editor's text."));
        using var again = new FormUrlEncodedContent(retry);
        (await second.PostAsync(new Uri($"/editor/articles/{id}?handler=Save", UriKind.Relative), again, Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using var db = Fixture.Database.CreateDbContext();
        (await db.ArticleRevisions.Where(r => r.ArticleId == id).Select(r => r.Body).SingleAsync(Ct)).ShouldBe("Second editor's text.");
    }
}
