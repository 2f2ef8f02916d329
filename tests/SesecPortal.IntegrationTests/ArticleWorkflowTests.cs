using System.Net;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.IntegrationTests;

/// <summary>Writing, reviewing and publishing articles: the workflow, revisions of published text, history, references, conflicts.</summary>
public sealed class ArticleWorkflowTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    private const string Author = "author@example.com";
    private const string Reviewer = "reviewer@example.com";
    private const string Seeded = "china-meets-europe-sesec-presented-at-hamburg-summit";

    private async Task<int> SectorIdAsync(string slug)
    {
        await using var db = Fixture.Database.CreateDbContext();
        return await db.Sectors.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync(Ct);
    }

    private async Task<SaveArticle.Command> NewArticleAsync(string title = "MIIT issues data-centre guideline", string body = "The guideline sets a PUE target of **1.3**.") =>
        new()
        {
            Title = title,
            Summary = "A short takeaway.",
            Body = body,
            EventDate = "2022-02",
            Tags = "ICT, #Carbon emission",
            SectorIds = [await SectorIdAsync("ict")],
            SourceLinks = "https://www.miit.gov.cn/notice MIIT notice",
        };

    private async Task<T> AsAsync<T>(string user, Func<Task<T>> act, params string[] roles)
    {
        using var _ = Fixture.ActAs(user, roles.Length == 0 ? [Roles.Editor] : roles);
        return await act();
    }

    private Task<SaveArticle.Result> SaveAs(string user, SaveArticle.Command command) => AsAsync(user, () => SendAsync(command));

    private async Task<ArticleRevision> OpenRevisionAsync(int articleId)
    {
        await using var db = Fixture.Database.CreateDbContext();
        return await db.ArticleRevisions.AsNoTracking()
            .Where(r => r.ArticleId == articleId && (r.State == RevisionState.Draft || r.State == RevisionState.InReview || r.State == RevisionState.Approved))
            .SingleAsync(Ct);
    }

    private async Task ReviewAs(string user, int articleId, ReviewArticle.Action action, DateTimeOffset? at = null, string? comment = null)
    {
        var open = await OpenRevisionAsync(articleId);
        await AsAsync(user, () => SendAsync(new ReviewArticle.Command
        {
            ArticleId = articleId, RevisionId = open.Id, Version = open.Version, Do = action, ScheduledFor = at, Comment = comment,
        }));
    }

    private async Task PublishAs(string user, int articleId)
    {
        var open = await OpenRevisionAsync(articleId);
        await AsAsync(user, () => SendAsync(new PublishArticle.Command(articleId, open.Id, open.Version)));
    }

    private async Task<string> SlugOfAsync(int articleId)
    {
        await using var db = Fixture.Database.CreateDbContext();
        return await db.Articles.Where(a => a.Id == articleId).Select(a => a.Slug).SingleAsync(Ct);
    }

    [Fact]
    public async Task A_new_article_is_a_draft_readers_cannot_see()
    {
        var saved = await SaveAs(Author, await NewArticleAsync());

        var slug = await SlugOfAsync(saved.ArticleId);
        slug.ShouldBe("miit-issues-data-centre-guideline");
        (await GetPageAsync($"/articles/{slug}")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await OpenRevisionAsync(saved.ArticleId)).State.ShouldBe(RevisionState.Draft);
    }

    [Fact]
    public async Task Submitted_approved_by_a_second_editor_and_published_it_appears_on_its_sector_page()
    {
        var saved = await SaveAs(Author, await NewArticleAsync());
        await ReviewAs(Author, saved.ArticleId, ReviewArticle.Action.Submit);
        await ReviewAs(Reviewer, saved.ArticleId, ReviewArticle.Action.Approve);
        await PublishAs(Reviewer, saved.ArticleId);

        var (response, page) = await GetPageAsync("/articles/miit-issues-data-centre-guideline");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.ShouldBe("MIIT issues data-centre guideline");
        page.QuerySelector(".article strong")!.TextContent.ShouldBe("1.3");
        (await GetPageAsync("/sectors/ict")).Document.QuerySelectorAll("a").Select(a => a.GetAttribute("href"))
            .ShouldContain("/articles/miit-issues-data-centre-guideline");
    }

    [Fact]
    public async Task The_author_cannot_approve_their_own_revision()
    {
        var saved = await SaveAs(Author, await NewArticleAsync());
        await ReviewAs(Author, saved.ArticleId, ReviewArticle.Action.Submit);

        var refused = await Should.ThrowAsync<WorkflowException>(() => ReviewAs(Author, saved.ArticleId, ReviewArticle.Action.Approve));

        refused.Message.ShouldBe("You wrote this revision: a second editor must approve it.");
        (await OpenRevisionAsync(saved.ArticleId)).State.ShouldBe(RevisionState.InReview);
    }

    [Fact]
    public async Task Only_an_approved_revision_can_be_published()
    {
        var saved = await SaveAs(Author, await NewArticleAsync());

        var refused = await Should.ThrowAsync<WorkflowException>(() => PublishAs(Reviewer, saved.ArticleId));

        refused.Message.ShouldBe("Only an approved revision can be published.");
    }

    [Fact]
    public async Task Editing_an_approved_revision_sends_it_back_to_draft()
    {
        var saved = await SaveAs(Author, await NewArticleAsync());
        await ReviewAs(Author, saved.ArticleId, ReviewArticle.Action.Submit);
        await ReviewAs(Reviewer, saved.ArticleId, ReviewArticle.Action.Approve);
        var open = await OpenRevisionAsync(saved.ArticleId);

        var edit = await NewArticleAsync(body: "Changed after approval.");
        edit.ArticleId = saved.ArticleId;
        edit.RevisionId = open.Id;
        edit.Version = open.Version;
        await SaveAs(Author, edit);

        var after = await OpenRevisionAsync(saved.ArticleId);
        after.State.ShouldBe(RevisionState.Draft);
        after.ApprovedByName.ShouldBeNull();
    }

    [Fact]
    public async Task A_revision_of_a_published_article_is_reviewed_while_the_published_text_stays_online()
    {
        int id;
        await using (var db = Fixture.Database.CreateDbContext())
        {
            id = await db.Articles.Where(a => a.Slug == Seeded).Select(a => a.Id).SingleAsync(Ct);
        }

        var form = (await AsAsync(Author, () => SendAsync(new GetArticleForEditing.Query(id)))).ShouldNotBeNull().Form;
        form.Title = "China Meets Europe: SESEC at the Hamburg Summit";
        form.CorrectionNote = "The title named the summit wrongly.";
        await SaveAs(Author, form);
        await ReviewAs(Author, id, ReviewArticle.Action.Submit);

        // In review: readers still see the published title.
        (await GetPageAsync($"/articles/{Seeded}")).Document.QuerySelector("h1")!.TextContent.ShouldBe("China Meets Europe: SESEC Presented at Hamburg Summit");

        await ReviewAs(Reviewer, id, ReviewArticle.Action.Approve);
        await PublishAs(Reviewer, id);

        var page = (await GetPageAsync($"/articles/{Seeded}")).Document;
        page.QuerySelector("h1")!.TextContent.ShouldBe("China Meets Europe: SESEC at the Hamburg Summit");
        page.QuerySelector(".meta")!.TextContent.ShouldContain("Updated on");
        page.QuerySelector(".updated-note")!.TextContent.ShouldContain("The title named the summit wrongly.");

        var history = (await AsAsync(Author, () => SendAsync(new GetArticleHistory.Query(id, 1, 2)))).ShouldNotBeNull();
        history.Versions.Select(v => (v.Number, v.State)).ShouldBe([(2, RevisionState.Published), (1, RevisionState.Replaced)]);
        history.Diff.ShouldNotBeNull().Lines.ShouldContain(new TextDiff.Line(TextDiff.LineKind.Deleted, "Title: China Meets Europe: SESEC Presented at Hamburg Summit"));
        history.Diff.Lines.ShouldContain(new TextDiff.Line(TextDiff.LineKind.Inserted, "Title: China Meets Europe: SESEC at the Hamburg Summit"));
        history.Audit.Select(a => (a.UserName, a.Action)).ShouldBe([
            (Reviewer, "published a revision"), (Reviewer, "approved"), (Author, "submitted for review"), (Author, "started a revision")]);
    }

    [Fact]
    public async Task Two_editors_starting_a_revision_of_a_published_article_at_once_take_turns_and_the_second_gets_a_conflict()
    {
        int id;
        await using (var db = Fixture.Database.CreateDbContext())
        {
            id = await db.Articles.Where(a => a.Slug == Seeded).Select(a => a.Id).SingleAsync(Ct);
        }

        var first = await NewArticleAsync(title: "China Meets Europe: the first editor's revision");
        var second = await NewArticleAsync(title: "China Meets Europe: the second editor's revision");
        first.ArticleId = second.ArticleId = id;

        // Both start while the article is held, as they would while a third save runs: they must wait, then go one by one.
        await using var connection = new NpgsqlConnection(Fixture.Database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var hold = await connection.BeginTransactionAsync(Ct);
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM articles WHERE id = @id FOR UPDATE", connection, hold))
        {
            lockRow.Parameters.AddWithValue("id", id);
            await lockRow.ExecuteScalarAsync(Ct);
        }

        var saves = new[] { SaveAs(Author, first), SaveAs(Reviewer, second) };
        await Task.Delay(500, Ct);
        saves.ShouldAllBe(t => !t.IsCompleted, string.Join("; ", saves.Select(t => t.Exception?.InnerException?.ToString() ?? t.Status.ToString())));
        await hold.CommitAsync(Ct);
        var outcomes = await Task.WhenAll(saves.Select(async t =>
        {
            try
            {
                await t;
                return "saved";
            }
            catch (ConcurrencyConflictException ex)
            {
                return ex.StoredSnapshot.Contains("first editor's", StringComparison.Ordinal) ? "conflict with the first" : "conflict with the second";
            }
        }));

        string.Join(" / ", outcomes.Order()).ShouldBeOneOf("conflict with the first / saved", "conflict with the second / saved");
        await using (var db = Fixture.Database.CreateDbContext())
        {
            var numbers = await db.ArticleRevisions.Where(r => r.ArticleId == id).OrderBy(r => r.Number).Select(r => r.Number).ToListAsync(Ct);
            numbers.ShouldBe([1, 2]); // the published text as revision 1, and the one revision started
        }
    }

    [Fact]
    public async Task The_second_of_two_editors_saving_the_same_revision_gets_a_conflict_with_both_versions()
    {
        var saved = await SaveAs(Author, await NewArticleAsync());
        var open = await OpenRevisionAsync(saved.ArticleId);
        var first = await NewArticleAsync(body: "First editor's text.");
        var second = await NewArticleAsync(body: "Second editor's text.");
        foreach (var c in new[] { first, second })
        {
            c.ArticleId = saved.ArticleId;
            c.RevisionId = open.Id;
            c.Version = open.Version;
        }

        await SaveAs(Author, first);
        var conflict = await Should.ThrowAsync<ConcurrencyConflictException>(() => SaveAs(Reviewer, second));

        conflict.StoredSnapshot.ShouldContain("First editor's text.");
        conflict.AttemptedSnapshot.ShouldContain("Second editor's text.");
        (await OpenRevisionAsync(saved.ArticleId)).Body.ShouldBe("First editor's text.");

        // Saving again with the stored version's token replaces it knowingly.
        second.Version = conflict.StoredVersion;
        await SaveAs(Reviewer, second);
        (await OpenRevisionAsync(saved.ArticleId)).Body.ShouldBe("Second editor's text.");
    }

    [Fact]
    public async Task An_approved_revision_scheduled_for_later_is_published_when_its_time_comes()
    {
        var saved = await SaveAs(Author, await NewArticleAsync());
        await ReviewAs(Author, saved.ArticleId, ReviewArticle.Action.Submit);
        var now = DateTimeOffset.UtcNow;
        var at = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddDays(2);
        await ReviewAs(Reviewer, saved.ArticleId, ReviewArticle.Action.Approve, at);

        async Task<int> PublishDueOn(DateTimeOffset now)
        {
            await using var scope = Fixture.CreateScope();
            var handler = new PublishDueArticles.Handler(
                scope.ServiceProvider.GetRequiredService<PortalDbContext>(), scope.ServiceProvider.GetRequiredService<ArticlePublisher>(), new FakeTimeProvider(now));
            return await handler.Handle(new PublishDueArticles.Command(), Ct);
        }

        (await OpenRevisionAsync(saved.ArticleId)).State.ShouldBe(RevisionState.Approved);
        (await PublishDueOn(at.AddMinutes(-1))).ShouldBe(0);
        (await OpenRevisionAsync(saved.ArticleId)).ScheduledFor.ShouldBe(at);
        (await GetPageAsync("/articles/miit-issues-data-centre-guideline")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PublishDueOn(at.AddMinutes(1))).ShouldBe(1);
        (await GetPageAsync("/articles/miit-issues-data-centre-guideline")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_schedule_in_the_past_is_refused()
    {
        var saved = await SaveAs(Author, await NewArticleAsync());
        await ReviewAs(Author, saved.ArticleId, ReviewArticle.Action.Submit);

        var refused = await Should.ThrowAsync<WorkflowException>(() => ReviewAs(Reviewer, saved.ArticleId, ReviewArticle.Action.Approve, DateTimeOffset.UtcNow.AddHours(-1)));

        refused.Message.ShouldBe("A scheduled publication must be in the future.");
    }

    [Fact]
    public async Task References_in_double_brackets_link_to_the_standard_and_become_relations()
    {
        var saved = await SaveAs(Author, await NewArticleAsync(body: "Buildings must meet [[gb 55015 2021]] and [[SC 42]]."));
        await ReviewAs(Author, saved.ArticleId, ReviewArticle.Action.Submit);
        await ReviewAs(Reviewer, saved.ArticleId, ReviewArticle.Action.Approve);
        await PublishAs(Reviewer, saved.ArticleId);

        var page = (await GetPageAsync("/articles/miit-issues-data-centre-guideline")).Document;
        var links = page.QuerySelectorAll(".prose a").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
        links.ShouldBe([("gb 55015 2021", "/standards/gb-55015-2021"), ("SC 42", "/working-groups/tc28-sc42")]);
        await using var db = Fixture.Database.CreateDbContext();
        (await db.Articles.Where(a => a.Id == saved.ArticleId).SelectMany(a => a.Standards.Select(s => s.Code)).ToListAsync(Ct)).ShouldBe(["GB 55015-2021"]);
        (await db.Articles.Where(a => a.Id == saved.ArticleId).SelectMany(a => a.WorkingGroups.Select(w => w.Code)).ToListAsync(Ct)).ShouldBe(["SC 42"]);
    }

    [Theory]
    [InlineData("TC 28/SC 42", "/working-groups/tc28-sc42")]
    [InlineData("SAC/TC 28/SC 42", "/working-groups/tc28-sc42")]
    [InlineData("sac / tc28 / sc 42", "/working-groups/tc28-sc42")]
    [InlineData("TC 28", "/working-groups/tc28")]
    [InlineData("GB/T 50378-2019", "/standards/gb-t-50378-2019")]
    [InlineData("ISO/IEC JTC 1/SC 42", "/organisations/iso-iec-jtc1-sc42")] // the international subcommittee is held as an organisation
    [InlineData("ISO/TC 268/SC 1", null)]
    [InlineData("TC 260/SC 42", null)]
    [InlineData("SAC/SC 42", null)]
    [InlineData("TC 28/SC 42/SC 42", null)]
    public async Task A_committee_is_named_by_its_path_of_codes(string label, string? url)
    {
        await using var scope = Fixture.CreateScope();
        var resolver = scope.ServiceProvider.GetRequiredService<ReferenceResolver>();

        var found = await resolver.ResolveAsync([label], Ct);

        (found.TryGetValue(ArticleReferences.KeyOf(label), out var target) ? target.Url : null).ShouldBe(url);
    }

    [Fact]
    public async Task An_article_may_name_a_committee_by_its_full_path_and_not_by_one_the_portal_does_not_hold()
    {
        var saved = await SaveAs(Author, await NewArticleAsync(body: "The subcommittee [[SAC/TC 28/SC 42]] met."));
        saved.ArticleId.ShouldBeGreaterThan(0);

        var refused = await Should.ThrowAsync<ValidationException>(async () => await SaveAs(Author, await NewArticleAsync(body: "Unlike [[ISO/TC 268/SC 1]].")));

        refused.Errors.ShouldHaveSingleItem().ErrorMessage.ShouldStartWith("[[ISO/TC 268/SC 1]] does not name");
    }

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

    [Fact]
    public async Task Unpublishing_takes_the_article_offline_and_it_can_be_published_again()
    {
        var saved = await SaveAs(Author, await NewArticleAsync());
        await ReviewAs(Author, saved.ArticleId, ReviewArticle.Action.Submit);
        await ReviewAs(Reviewer, saved.ArticleId, ReviewArticle.Action.Approve);
        await PublishAs(Reviewer, saved.ArticleId);

        await AsAsync(Reviewer, () => SendAsync(new UnpublishArticle.Command(saved.ArticleId)));
        (await GetPageAsync("/articles/miit-issues-data-centre-guideline")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await OpenRevisionAsync(saved.ArticleId)).State.ShouldBe(RevisionState.Approved);
        await PublishAs(Reviewer, saved.ArticleId);
        (await GetPageAsync("/articles/miit-issues-data-centre-guideline")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
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

    [Fact]
    public async Task Every_step_is_in_the_audit_log_with_who_did_it()
    {
        var saved = await SaveAs(Author, await NewArticleAsync());
        await ReviewAs(Author, saved.ArticleId, ReviewArticle.Action.Submit);
        await ReviewAs(Reviewer, saved.ArticleId, ReviewArticle.Action.SendBack, comment: "Add the source.");

        var log = await AsAsync(Reviewer, () => SendAsync(new ListAuditEntries.Query(ItemKind.Article, null)));

        log.Entries.Select(e => (e.UserName, e.Action, e.ItemId)).ShouldBe([
            (Reviewer, "sent back", saved.ArticleId), (Author, "submitted for review", saved.ArticleId), (Author, "created", saved.ArticleId)]);
        (await OpenRevisionAsync(saved.ArticleId)).ReviewComment.ShouldBe("Add the source.");
    }
}
