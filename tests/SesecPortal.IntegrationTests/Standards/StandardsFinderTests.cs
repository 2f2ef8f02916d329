using SesecPortal.Application.Features.Standards;

namespace SesecPortal.IntegrationTests.Standards;

public sealed class StandardsFinderTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    [Fact]
    public async Task Lists_every_standard_sorted_by_code_with_counts()
    {
        var result = await SendAsync(new FindStandards.Query());

        result.Total.ShouldBe(41);
        result.Sort.ShouldBe("code");
        result.Standards.Count.ShouldBe(FindStandards.PageSize);
        result.Levels.Sum(l => l.Count).ShouldBe(40); // the critical-data draft has no code, so no level
        result.Levels.Single(l => l.Value == "association").Count.ShouldBe(17);
    }

    [Fact]
    public async Task A_company_finds_the_in_force_recommended_standards_of_its_sector()
    {
        var result = await SendAsync(new FindStandards.Query(Sector: ["construction"], Level: ["gbt"], Status: ["InForce"]));

        result.Standards.Select(s => s.Code).ShouldBe(["GB/T 50378-2019", "GB/T 51141-2015"], ignoreOrder: true);
        result.Statuses.Single(s => s.Value == "InForce").Selected.ShouldBeTrue();
    }

    [Fact]
    public async Task A_published_standard_counts_as_in_force_once_its_date_has_come()
    {
        var result = await SendAsync(new FindStandards.Query(Level: ["gb"], Status: ["InForce"]));

        result.Standards.Select(s => s.Code).ShouldContain("GB 55015-2021");
        result.Standards.Single(s => s.Code == "GB 55015-2021").Status.ShouldBe("In force");
    }

    [Fact]
    public async Task Filters_by_year_and_committee()
    {
        var byYear = await SendAsync(new FindStandards.Query(Year: ["2020"]));
        byYear.Standards.Select(s => s.Code).ShouldContain("T/CESA 1107—2020");
        byYear.Standards.Select(s => s.Code).ShouldContain("CESA-2020-2-019");

        var byCommittee = await SendAsync(new FindStandards.Query(Committee: ["tc28-sc42-computer-vision"]));
        byCommittee.Standards.Select(s => s.Code).ShouldBe(["20190805-T-469", "T/CESA 1035-2019", "T/CESA 1107—2020", "T/CESA 1108—2020", "T/CESA 1109—2020"], ignoreOrder: true);
        byCommittee.Committees.ShouldHaveSingleItem().Selected.ShouldBeTrue();
    }

    [Fact]
    public async Task Words_narrow_the_list_and_sort_it_by_relevance()
    {
        var result = await SendAsync(new FindStandards.Query(Q: "knowledge graphs"));

        result.Sort.ShouldBe("relevance");
        result.Standards.ShouldNotBeEmpty();
        result.Standards.ShouldAllBe(s => s.Title.Contains("knowledge", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_code_in_any_form_finds_its_standard()
    {
        var result = await SendAsync(new FindStandards.Query(Q: "t/cesa 1036-2019"));

        result.Standards[0].Code.ShouldBe("T/CESA 1036—2019");
    }

    [Fact]
    public async Task Sorts_by_date_newest_first()
    {
        var result = await SendAsync(new FindStandards.Query(Sort: "date"));

        result.Standards[0].Code.ShouldBe("GB 55015-2021"); // in force from 1 April 2022: the newest date
        result.Standards[1].Title.ShouldStartWith("Information security technology"); // drafted 13 January 2022
    }

    [Fact]
    public async Task Bad_filters_sorts_and_pages_are_corrected_with_messages()
    {
        var result = await SendAsync(new FindStandards.Query(Level: ["gbx"], Status: ["lost"], Year: ["soon"], Committee: ["nobody"], Sector: ["atlantis"], Sort: "colour", Page: "-3"));

        result.Total.ShouldBe(41);
        result.Page.ShouldBe(1);
        result.Messages.Count.ShouldBe(7);
    }

    [Fact]
    public async Task Relevance_without_words_falls_back_to_code_order()
    {
        var result = await SendAsync(new FindStandards.Query(Sort: "relevance"));

        result.Sort.ShouldBe("code");
        result.Messages.ShouldHaveSingleItem();
    }
}
