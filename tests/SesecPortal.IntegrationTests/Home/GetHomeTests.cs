using SesecPortal.Application.Features.Home;

namespace SesecPortal.IntegrationTests.Home;

/// <summary>The home page's query against the seed.</summary>
public sealed class GetHomeTests(IntegrationFixture fixture) : SeedReadTest(fixture)
{
    [Fact]
    public async Task Home_shows_the_latest_issue_with_its_takeaways_latest_articles_and_sectors()
    {
        var home = await SendAsync(new GetHome.Query());

        home.LatestIssue.ShouldNotBeNull().Title.ShouldBe("December 2021 – January 2022");
        home.LatestIssue.Takeaways.Count.ShouldBe(11);
        home.LatestIssue.Takeaways[0].Title.ShouldBe("China Meets Europe: SESEC Presented at Hamburg Summit");
        home.LatestArticles.Count.ShouldBe(GetHome.LatestArticles);
        home.Sectors.Count.ShouldBe(20);
    }
}
