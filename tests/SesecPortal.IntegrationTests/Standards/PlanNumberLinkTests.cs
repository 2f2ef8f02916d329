using System.Net;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Search;
using SesecPortal.Application.Features.Standards;
using SesecPortal.IntegrationTests.Relations;

namespace SesecPortal.IntegrationTests.Standards;

/// <summary>A plan number and the standard it became.</summary>
public sealed class PlanNumberLinkTests(IntegrationFixture fixture) : KnowledgeGraphTest(fixture)
{
    [Fact]
    public async Task A_plan_number_and_the_standard_it_became_link_to_each_other()
    {
        await AddStandardAsync("GB/T 41867-2022", "Information technology - Computer vision - Terminology", StandardStatus.Published,
            published: new DateOnly(2022, 10, 12), effective: new DateOnly(2023, 5, 1), plan: "20190805-T-469");

        var plan = (await SendAsync(new GetStandard.Query("20190805-t-469"))).ShouldNotBeNull();
        var standard = (await SendAsync(new GetStandard.Query("gb-t-41867-2022"))).ShouldNotBeNull();

        plan.Became.ShouldNotBeNull().Slug.ShouldBe("gb-t-41867-2022");
        plan.Became.Title.ShouldBe("GB/T 41867-2022");
        standard.DraftedUnder.ShouldNotBeNull().Code.ShouldBe("20190805-T-469");
        standard.DraftedUnder.Record.ShouldNotBeNull().Slug.ShouldBe("20190805-t-469");
        standard.Timeline[0].Label.ShouldBe("Registered as plan number 20190805-T-469");

        var (_, planPage) = await GetPageAsync("/standards/20190805-t-469");
        var (_, standardPage) = await GetPageAsync("/standards/gb-t-41867-2022");
        planPage.QuerySelector("dd.plan-became a")!.GetAttribute("href").ShouldBe("/standards/gb-t-41867-2022");
        planPage.QuerySelector("dl.facts")!.TextContent.ShouldContain("Became");
        standardPage.QuerySelector("dd.plan-number a")!.GetAttribute("href").ShouldBe("/standards/20190805-t-469");
        standardPage.QuerySelector("dl.facts")!.TextContent.ShouldContain("Drafted under plan number");
    }

    [Fact]
    public async Task A_plan_number_the_portal_has_no_record_of_leads_to_the_standard_it_became()
    {
        await AddStandardAsync("GB/T 42000-2022", "A standard drafted under a plan the portal never recorded", StandardStatus.Published,
            published: new DateOnly(2022, 12, 1), plan: "20214321-T-469");

        var result = await SendAsync(new SearchPortal.Query("20214321T469"));
        var standard = (await SendAsync(new GetStandard.Query("gb-t-42000-2022"))).ShouldNotBeNull();
        using var client = Fixture.CreateClient();
        var response = await client.GetAsync(new Uri("/search?q=20214321-T-469", UriKind.Relative), Ct);

        result.ExactMatchUrl.ShouldBe("/standards/gb-t-42000-2022");
        result.Messages.ShouldContain("Plan number 20214321-T-469 became GB/T 42000-2022.");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/standards/gb-t-42000-2022");
        standard.DraftedUnder.ShouldNotBeNull().Record.ShouldBeNull();
    }
}
