using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.IntegrationTests.Editorial;

/// <summary>The audit log of the workflow.</summary>
public sealed class ArticleAuditTests(IntegrationFixture fixture) : ArticleWorkflowTest(fixture)
{
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
