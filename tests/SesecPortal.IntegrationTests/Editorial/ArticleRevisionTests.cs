using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SesecPortal.Application.Common;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.IntegrationTests.Editorial;

/// <summary>Revisions of published articles and two editors working at once.</summary>
public sealed class ArticleRevisionTests(IntegrationFixture fixture) : ArticleWorkflowTest(fixture)
{
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
}
