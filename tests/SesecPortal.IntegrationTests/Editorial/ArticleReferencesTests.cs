using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.IntegrationTests.Editorial;

/// <summary>References in articles to standards and committees.</summary>
public sealed class ArticleReferencesTests(IntegrationFixture fixture) : ArticleWorkflowTest(fixture)
{
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
}
