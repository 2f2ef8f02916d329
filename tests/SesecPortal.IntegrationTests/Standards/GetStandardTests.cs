using SesecPortal.Application.Features.Standards;

namespace SesecPortal.IntegrationTests.Standards;

/// <summary>Reading standards of the seed.</summary>
public sealed class GetStandardTests(IntegrationFixture fixture) : SeedReadTest(fixture)
{
    [Fact]
    public async Task Standard_status_is_derived_from_its_effective_date_and_today()
    {
        var standard = (await SendAsync(new GetStandard.Query("gb-55015-2021"))).ShouldNotBeNull();

        standard.Code.ShouldBe("GB 55015-2021");
        standard.EffectiveOn.ShouldBe("1 April 2022");
        standard.Status.ShouldBe("In force"); // today is after 1 April 2022
        standard.Level.ShouldBe("Mandatory national standard (GB)");
        standard.Articles.ShouldHaveSingleItem().Slug.ShouldBe("china-first-mandatory-standard-of-carbon-emissions-to-largely-reduce-the-carbon");
    }

    [Fact]
    public async Task Standard_links_to_the_working_groups_that_list_it()
    {
        var standard = (await SendAsync(new GetStandard.Query("t-cesa-1026-2018"))).ShouldNotBeNull();

        standard.Committee.ShouldNotBeNull().Slug.ShouldBe("tc28-sc42-model-and-algorithm");
        standard.WorkItems.Select(w => w.Slug).ShouldBe(["tc28-sc42-model-and-algorithm", "tc28-sc42-trustworthiness-research"], ignoreOrder: true);
    }
}
