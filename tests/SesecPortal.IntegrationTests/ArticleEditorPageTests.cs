using System.Net;
using AngleSharp;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;

namespace SesecPortal.IntegrationTests;

/// <summary>The article editor's pages over HTTP, as a browser without JavaScript uses them.</summary>
public sealed class ArticleEditorPageTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    private async Task<string> SectorIdAsync(string slug)
    {
        await using var db = Fixture.Database.CreateDbContext();
        return (await db.Sectors.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync(Ct)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        (IHtmlDocument)await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(response.Content.ReadAsStream(Ct)), Ct);

    private async Task<List<KeyValuePair<string, string>>> ArticleFieldsAsync(string title, string body) =>
    [
        new("Input.Title", title), new("Input.Summary", "A takeaway."), new("Input.Body", body),
        new("Input.SectorIds", await SectorIdAsync("carbon")), new("Input.EventDate", "2022-02-10"),
    ];

    private async Task<int> CreateAsync(HttpClient client, string title, string body = "Text.")
    {
        var response = await PostFormAsync(client, "/editor/articles/new", "/editor/articles/new?handler=Save", await ArticleFieldsAsync(title, body));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Posts one of the edit page's workflow forms, with the revision and version the page shows.</summary>
    private static async Task<HttpResponseMessage> WorkflowAsync(HttpClient client, int id, string handler, string? action = null, string? asAction = null)
    {
        var html = await client.GetStringAsync(new Uri($"/editor/articles/{id}", UriKind.Relative), Ct);
        var page = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html), Ct);
        var form = page.QuerySelectorAll("form").First(f => (f.GetAttribute("action") ?? "").Contains($"handler={handler}", StringComparison.Ordinal)
            && (action is null || f.QuerySelector($"button[value={action}]") is not null));
        var fields = form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
        if (action is not null)
        {
            fields.Add(new("do", asAction ?? action));
        }

        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), content, Ct);
    }

    /// <summary>
    /// The edit form as the page shows it (every field, the revision and version it was opened at), with
    /// <paramref name="change"/> applied, posted by the button for <paramref name="handler"/>.
    /// </summary>
    private static async Task<HttpResponseMessage> EditFormAsync(HttpClient client, int id, string handler, Action<List<KeyValuePair<string, string>>>? change = null)
    {
        var html = await client.GetStringAsync(new Uri($"/editor/articles/{id}", UriKind.Relative), Ct);
        var page = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html), Ct);
        var form = page.QuerySelector("form.edit-form")!;
        form.QuerySelector($"button[formaction*='handler={handler}']").ShouldNotBeNull($"the edit form has no {handler} button");
        var fields = form.QuerySelectorAll("input, textarea")
            .Where(e => e.GetAttribute("name") is not null && (e.GetAttribute("type") != "checkbox" || e.HasAttribute("checked")))
            .Select(e => new KeyValuePair<string, string>(e.GetAttribute("name")!, e.LocalName == "textarea" ? e.TextContent : e.GetAttribute("value") ?? ""))
            .ToList();
        change?.Invoke(fields);
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri($"/editor/articles/{id}?handler={handler}", UriKind.Relative), content, Ct);
    }

    private static async Task<AngleSharp.Dom.IDocument> EditPageAsync(HttpClient client, int id)
    {
        var html = await client.GetStringAsync(new Uri($"/editor/articles/{id}", UriKind.Relative), Ct);
        return await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html), Ct);
    }

    private static void Replace(List<KeyValuePair<string, string>> fields, string name, string value)
    {
        fields.RemoveAll(f => f.Key == name);
        fields.Add(new(name, value));
    }

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
    public async Task The_author_is_not_offered_approve_and_is_told_why_while_a_second_editor_is()
    {
        using var author = await SignedInAsync("author@example.com", Roles.Editor);
        using var reviewer = await SignedInAsync("reviewer@example.com", Roles.Editor);
        var id = await CreateAsync(author, "Carbon market opens");
        await EditFormAsync(author, id, "SaveAndSubmit");

        var forAuthor = await EditPageAsync(author, id);
        var forReviewer = await EditPageAsync(reviewer, id);

        forAuthor.QuerySelectorAll("button[value=Approve]").ShouldBeEmpty();
        forAuthor.QuerySelector(".approve-note")!.TextContent.ShouldContain("another editor approves it");
        forReviewer.QuerySelectorAll("button[value=Approve]").ShouldHaveSingleItem();
        forReviewer.QuerySelector(".approve-note").ShouldBeNull();
    }

    [Fact]
    public async Task An_approval_leaves_last_saved_by_with_who_wrote_the_text()
    {
        using var author = await SignedInAsync("author@example.com", Roles.Editor);
        using var reviewer = await SignedInAsync("reviewer@example.com", Roles.Editor);
        var id = await CreateAsync(author, "Carbon market opens");
        await EditFormAsync(author, id, "SaveAndSubmit");

        (await WorkflowAsync(reviewer, id, "Review", "Approve")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var status = (await EditPageAsync(reviewer, id))
            .QuerySelector("section[aria-labelledby=status-title]")!.TextContent;
        status.ShouldContain("last saved by author@example.com");
        status.ShouldContain("approved by reviewer@example.com");
    }

    [Fact]
    public async Task An_editor_writes_submits_a_second_editor_approves_and_publishes_and_the_sector_page_shows_it_at_once()
    {
        using var author = await SignedInAsync("author@example.com", Roles.Editor);
        using var reviewer = await SignedInAsync("reviewer@example.com", Roles.Editor);
        // The sector page is cached for anonymous readers before the article exists.
        (await GetPageAsync("/sectors/carbon")).Document.Body!.TextContent.ShouldNotContain("Carbon market opens");

        var id = await CreateAsync(author, "Carbon market opens");
        (await EditFormAsync(author, id, "SaveAndSubmit")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await WorkflowAsync(reviewer, id, "Review", "Approve")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await WorkflowAsync(reviewer, id, "Publish")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await GetPageAsync("/sectors/carbon")).Document.QuerySelectorAll("a").Select(a => a.TextContent.Trim()).ShouldContain("Carbon market opens");
        (await GetPageAsync("/articles/carbon-market-opens")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_author_approving_their_own_revision_gets_409_and_the_reason()
    {
        using var author = await SignedInAsync("author@example.com", Roles.Editor);
        var id = await CreateAsync(author, "Carbon market opens");
        await EditFormAsync(author, id, "SaveAndSubmit");

        // Not offered on the page, and refused if posted all the same (an old tab, a hand-made request).
        var response = await WorkflowAsync(author, id, "Review", "SendBack", asAction: "Approve");

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ParseAsync(response)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("a second editor must approve it");
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
