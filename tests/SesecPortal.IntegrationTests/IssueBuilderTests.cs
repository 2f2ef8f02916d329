using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.Issues;

namespace SesecPortal.IntegrationTests;

/// <summary>The issue builder: the next issue proposed, sections and articles arranged, takeaways, atomic publish, print.</summary>
public sealed class IssueBuilderTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    private const string Editor = "editor@example.com";
    private const string Second = "second@example.com";

    private async Task<T> As<T>(string user, Func<Task<T>> act)
    {
        using var _ = Fixture.ActAs(user, Roles.Editor);
        return await act();
    }

    /// <summary>An article written by one editor and approved by another, not yet published.</summary>
    private async Task<int> ApprovedArticleAsync(string title)
    {
        await using var db = Fixture.Database.CreateDbContext();
        var sector = await db.Sectors.Where(s => s.Slug == "ict").Select(s => s.Id).SingleAsync(Ct);
        var saved = await As(Editor, () => SendAsync(new SaveArticle.Command { Title = title, Summary = "Takeaway.", Body = $"Body of {title}.", SectorIds = [sector] }));
        foreach (var (user, action) in new[] { (Editor, ReviewArticle.Action.Submit), (Second, ReviewArticle.Action.Approve) })
        {
            var open = await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == saved.ArticleId).OrderByDescending(r => r.Number).FirstAsync(Ct);
            await As(user, () => SendAsync(new ReviewArticle.Command { ArticleId = saved.ArticleId, RevisionId = open.Id, Version = open.Version, Do = action }));
        }

        return saved.ArticleId;
    }

    private async Task<int> NextIssueAsync()
    {
        var proposal = await As(Editor, () => SendAsync(new ProposeNextIssue.Query()));
        return await As(Editor, () => SendAsync(proposal));
    }

    private async Task ArrangeAsync(int issueId, ArrangeIssue.Operation op, int? section = null, int? article = null, int? takeaway = null, string? title = null, string? summary = null, List<int>? order = null) =>
        await As(Editor, () => SendAsync(new ArrangeIssue.Command
        {
            IssueId = issueId, Op = op, SectionId = section, ArticleId = article, TakeawayId = takeaway, Title = title, Summary = summary, Order = order ?? [],
        }));

    private async Task<int> SeedIssueIdAsync()
    {
        await using var db = Fixture.Database.CreateDbContext();
        return await db.Issues.Where(i => i.Slug == "december-2021-january-2022").Select(i => i.Id).SingleAsync(Ct);
    }

    private async Task<GetIssueForEditing.Result> IssueAsync(int id) => (await SendAsync(new GetIssueForEditing.Query(id))).ShouldNotBeNull();

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

    [Fact]
    public async Task Articles_are_picked_into_sections_and_ordered_with_buttons_or_a_new_order()
    {
        var issueId = await NextIssueAsync();
        var first = await ApprovedArticleAsync("First");
        var second = await ApprovedArticleAsync("Second");
        var third = await ApprovedArticleAsync("Third");
        var sections = (await IssueAsync(issueId)).Sections;
        (await IssueAsync(issueId)).Candidates.Select(c => c.Id).ShouldBe([third, second, first], ignoreOrder: true);

        foreach (var id in new[] { first, second, third })
        {
            await ArrangeAsync(issueId, ArrangeIssue.Operation.AddArticle, section: sections[0].Id, article: id);
        }

        await ArrangeAsync(issueId, ArrangeIssue.Operation.MoveArticleUp, article: third);
        (await IssueAsync(issueId)).Sections[0].Articles.Select(a => a.Title).ShouldBe(["First", "Third", "Second"]);

        await ArrangeAsync(issueId, ArrangeIssue.Operation.ReorderArticles, section: sections[0].Id, order: [second, first, third]);
        (await IssueAsync(issueId)).Sections[0].Articles.Select(a => a.Title).ShouldBe(["Second", "First", "Third"]);

        // Down from the last place goes to the top of the next section.
        await ArrangeAsync(issueId, ArrangeIssue.Operation.MoveArticleDown, article: third);
        var after = await IssueAsync(issueId);
        after.Sections[0].Articles.Select(a => a.Title).ShouldBe(["Second", "First"]);
        after.Sections[1].Articles.Select(a => a.Title).ShouldBe(["Third"]);

        await ArrangeAsync(issueId, ArrangeIssue.Operation.MoveSectionUp, section: sections[1].Id);
        (await IssueAsync(issueId)).Sections.Select(s => s.Id).Take(2).ShouldBe([sections[1].Id, sections[0].Id]);
    }

    [Fact]
    public async Task Takeaways_are_written_ordered_and_linked_to_an_article_of_the_issue()
    {
        var issueId = await NextIssueAsync();
        var article = await ApprovedArticleAsync("First");
        var section = (await IssueAsync(issueId)).Sections[0].Id;
        await ArrangeAsync(issueId, ArrangeIssue.Operation.AddArticle, section: section, article: article);

        await ArrangeAsync(issueId, ArrangeIssue.Operation.AddTakeaway, title: "One", summary: "First point.", article: article);
        await ArrangeAsync(issueId, ArrangeIssue.Operation.AddTakeaway, title: "Two", summary: "Second point.");
        var two = (await IssueAsync(issueId)).Takeaways[1];
        await ArrangeAsync(issueId, ArrangeIssue.Operation.MoveTakeawayUp, takeaway: two.Id);
        await ArrangeAsync(issueId, ArrangeIssue.Operation.EditTakeaway, takeaway: two.Id, title: "Two (edited)", summary: "Better.");

        (await IssueAsync(issueId)).Takeaways.Select(t => (t.Title, t.ArticleId)).ShouldBe([("Two (edited)", null), ("One", article)]);
        var elsewhere = await ApprovedArticleAsync("Not in this issue");
        var refused = await Should.ThrowAsync<WorkflowException>(() => ArrangeAsync(issueId, ArrangeIssue.Operation.AddTakeaway, title: "X", summary: "Y", article: elsewhere));
        refused.Message.ShouldBe("A takeaway can only point to an article of this issue.");
    }

    [Fact]
    public async Task Publishing_is_refused_while_an_article_is_not_approved()
    {
        var issueId = await NextIssueAsync();
        var approved = await ApprovedArticleAsync("Ready");
        var section = (await IssueAsync(issueId)).Sections[0].Id;
        await ArrangeAsync(issueId, ArrangeIssue.Operation.AddArticle, section: section, article: approved);
        // Edited after approval: back to draft.
        await using (var db = Fixture.Database.CreateDbContext())
        {
            var open = await db.ArticleRevisions.AsNoTracking().SingleAsync(r => r.ArticleId == approved, Ct);
            var sector = await db.Sectors.Where(s => s.Slug == "ict").Select(s => s.Id).SingleAsync(Ct);
            await As(Editor, () => SendAsync(new SaveArticle.Command { ArticleId = approved, RevisionId = open.Id, Version = open.Version, Title = "Ready", Summary = "S.", Body = "Changed.", SectorIds = [sector] }));
        }

        var issue = await IssueAsync(issueId);
        var refused = await Should.ThrowAsync<WorkflowException>(() => As(Editor, () => SendAsync(new PublishIssue.Command(issueId, issue.Version))));

        refused.Message.ShouldBe("Not approved yet: “Ready”. Approve them, or remove them from the issue.");
    }

    [Fact]
    public async Task Publishing_puts_the_issue_and_all_its_articles_online_together_and_the_cached_list_shows_it()
    {
        (await GetPageAsync("/issues")).Document.Body!.TextContent.ShouldNotContain("February – March 2022");
        var issueId = await NextIssueAsync();
        var ids = new[] { await ApprovedArticleAsync("First"), await ApprovedArticleAsync("Second") };
        var section = (await IssueAsync(issueId)).Sections[0].Id;
        foreach (var id in ids)
        {
            await ArrangeAsync(issueId, ArrangeIssue.Operation.AddArticle, section: section, article: id);
        }

        var version = (await IssueAsync(issueId)).Version;
        await As(Editor, () => SendAsync(new PublishIssue.Command(issueId, version)));

        (await GetPageAsync("/issues")).Document.Body!.TextContent.ShouldContain("February – March 2022");
        var page = (await GetPageAsync("/issues/february-march-2022")).Document;
        page.QuerySelectorAll(".issue-section .card h3, .issue-section h3").Select(h => h.TextContent.Trim()).ShouldBe(["First", "Second"]);
        (await GetPageAsync("/articles/first")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await GetPageAsync("/articles/second")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_failure_half_way_through_publishing_publishes_nothing()
    {
        var issueId = await NextIssueAsync();
        var first = await ApprovedArticleAsync("First");
        var second = await ApprovedArticleAsync("Second");
        var section = (await IssueAsync(issueId)).Sections[0].Id;
        await ArrangeAsync(issueId, ArrangeIssue.Operation.AddArticle, section: section, article: first);
        await ArrangeAsync(issueId, ArrangeIssue.Operation.AddArticle, section: section, article: second);
        // The database refuses to publish the second article, after the first has been written.
        await using var connection = new NpgsqlConnection(Fixture.Database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using (var create = new NpgsqlCommand($"""
            CREATE FUNCTION refuse_second() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'disk full (simulated)'; END $$;
            CREATE TRIGGER refuse_second BEFORE UPDATE ON articles FOR EACH ROW
            WHEN (NEW.id = {second} AND NEW.status = 'Published') EXECUTE FUNCTION refuse_second();
            """, connection))
        {
            await create.ExecuteNonQueryAsync(Ct);
        }

        try
        {
            await Should.ThrowAsync<Exception>(() => As(Editor, async () => await SendAsync(new PublishIssue.Command(issueId, (await IssueAsync(issueId)).Version))));
        }
        finally
        {
            await using var drop = new NpgsqlCommand("DROP TRIGGER refuse_second ON articles; DROP FUNCTION refuse_second();", connection);
            await drop.ExecuteNonQueryAsync(Ct);
        }

        var issue = await IssueAsync(issueId);
        issue.Status.ShouldBe(PublicationStatus.Draft);
        issue.Sections[0].Articles.ShouldAllBe(a => !a.Online && a.OpenState == RevisionState.Approved);
        (await GetPageAsync("/articles/first")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await GetPageAsync("/issues/february-march-2022")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Unpublishing_takes_the_issue_and_its_articles_offline()
    {
        var seedIssue = await SeedIssueIdAsync();
        await As(Editor, () => SendAsync(new UnpublishIssue.Command(seedIssue)));

        (await GetPageAsync("/issues/december-2021-january-2022")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await GetPageAsync("/articles/china-meets-europe-sesec-presented-at-hamburg-summit")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var version = (await IssueAsync(seedIssue)).Version;
        await As(Editor, () => SendAsync(new PublishIssue.Command(seedIssue, version)));
        (await GetPageAsync("/articles/china-meets-europe-sesec-presented-at-hamburg-summit")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

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
