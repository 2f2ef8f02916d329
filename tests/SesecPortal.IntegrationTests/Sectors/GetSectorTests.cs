using SesecPortal.Application.Features.Sectors;

namespace SesecPortal.IntegrationTests.Sectors;

/// <summary>Reading sectors of the seed.</summary>
public sealed class GetSectorTests(IntegrationFixture fixture) : SeedReadTest(fixture)
{
    [Fact]
    public async Task Sector_groups_everything_tagged_with_it_by_kind()
    {
        var sector = (await SendAsync(new GetSector.Query("carbon"))).ShouldNotBeNull();

        sector.Name.ShouldBe("Carbon emission");
        sector.Articles.Items.Select(a => a.Slug).ShouldContain("action-plan-for-carbon-emission-peak-before-2030-put-forward-in-china");
        sector.Policies.Items.Select(p => p.Slug).ShouldContain("carbon-peak-action-plan-before-2030");
        sector.Standards.Items.Select(s => s.Slug).ShouldContain("gb-55015-2021");
        sector.Articles.Total.ShouldBe(sector.Articles.Items.Count);
    }

    [Fact]
    public async Task Sector_counts_add_up_to_what_each_sector_page_shows()
    {
        var sectors = await SendAsync(new ListSectors.Query());
        var ai = sectors.Single(s => s.Slug == "ai");
        var page = (await SendAsync(new GetSector.Query("ai"))).ShouldNotBeNull();

        ai.Articles.ShouldBe(page.Articles.Total);
        ai.Standards.ShouldBe(page.Standards.Total);
        ai.WorkingGroups.ShouldBe(page.WorkingGroups.Total);
        ai.Standards.ShouldBeGreaterThan(20);
    }
}
