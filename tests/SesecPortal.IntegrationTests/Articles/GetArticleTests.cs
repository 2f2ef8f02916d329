using SesecPortal.Application.Features.Articles;

namespace SesecPortal.IntegrationTests.Articles;

/// <summary>Reading articles of the seed.</summary>
public sealed class GetArticleTests(IntegrationFixture fixture) : SeedReadTest(fixture)
{
    [Fact]
    public async Task Article_links_to_what_it_talks_about_and_to_its_neighbours()
    {
        var article = (await SendAsync(new GetArticle.Query(ImportantData))).ShouldNotBeNull();

        article.EventDate.ShouldBe("13 January 2022");
        article.Tags.ShouldBe(["Key data"]);
        article.Sectors.Select(s => s.Slug).ShouldContain("cybersecurity");
        article.Standards.Select(s => s.Slug).ShouldContain("information-security-technology-guideline-for-identification-of-critical-data");
        article.Organisations.Select(o => o.Slug).ShouldContain("sac-tc260");
        article.Sources.ShouldContain(s => s.Slug.StartsWith("https://www.tc260.org.cn/", StringComparison.Ordinal));
        article.BodyHtml.ShouldContain("13 March 2022");
        var placement = article.Issue.ShouldNotBeNull();
        placement.Section.Title.ShouldBe("Cybersecurity");
        placement.Previous.ShouldNotBeNull().Slug.ShouldBe("china-cross-border-data-transfer-administration-specified-in-detail");
        placement.Next.ShouldNotBeNull().Slug.ShouldBe("2022-annual-plan-and-updates-of-chinese-ai-standards-formulation");
    }

    [Fact]
    public async Task Special_report_rebuilds_the_working_groups_tables_without_phone_numbers()
    {
        var article = (await SendAsync(new GetArticle.Query("2022-annual-plan-and-updates-of-chinese-ai-standards-formulation"))).ShouldNotBeNull();

        article.BodyHtml.ShouldContain("<table>");
        article.BodyHtml.ShouldNotContain("15624952070");
        article.BodyHtml.ShouldNotContain("64102859");
        article.WorkingGroups.Count.ShouldBe(10);
    }
}
