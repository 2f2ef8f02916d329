using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.Issues;

namespace SesecPortal.IntegrationTests.Issues;

/// <summary>Publishing and unpublishing an issue with its articles.</summary>
public sealed class PublishIssueTests(IntegrationFixture fixture) : IssueBuilderTest(fixture)
{
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
}
