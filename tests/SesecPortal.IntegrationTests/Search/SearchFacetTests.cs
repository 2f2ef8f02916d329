using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Features.Search;

namespace SesecPortal.IntegrationTests.Search;

/// <summary>Facets and filters.</summary>
public sealed class SearchFacetTests(IntegrationFixture fixture) : SearchTest(fixture)
{
    [Fact]
    public async Task Facets_count_results_by_kind_sector_authority_status_and_year()
    {
        var result = await Search("standard");

        result.Facets.Kind.Sum(k => k.Count).ShouldBe(result.Total);
        result.Facets.Kind.Select(k => k.Value).ShouldContain("standard");
        result.Facets.Sector.ShouldNotBeEmpty();
        result.Facets.Year.ShouldNotBeEmpty();
        result.Facets.Status.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Filters_combine_and_agree_with_their_facet_counts()
    {
        var all = await Search("plan");
        var policyCount = all.Facets.Kind.Single(k => k.Value == "policy").Count;

        var policies = await Search("plan", kind: "policy");

        policies.Total.ShouldBe(policyCount);
        policies.Hits.ShouldAllBe(h => h.Kind == "policy");
        policies.Facets.Kind.Single(k => k.Value == "policy").Selected.ShouldBeTrue();

        var miitPolicies = await SendAsync(new SearchPortal.Query("plan", Kind: ["policy"], Authority: ["miit"]));
        miitPolicies.Total.ShouldBeLessThan(policies.Total);
        miitPolicies.Hits.Select(h => h.Url).ShouldContain("/policies/14th-fyp-intelligent-manufacturing");
    }

    [Fact]
    public async Task An_analyst_finds_every_carbon_policy_of_a_year()
    {
        var result = await SendAsync(new SearchPortal.Query("", Kind: ["policy"], Sector: ["carbon"], Year: ["2021"]));

        result.Hits.Select(h => h.Url).ShouldContain("/policies/carbon-peak-action-plan-before-2030");
        result.Hits.ShouldAllBe(h => h.Kind == "policy");
    }

    [Fact]
    public async Task The_status_filter_reads_a_standards_status_on_todays_date()
    {
        var inForce = await Search("", kind: "standard", status: "InForce");

        inForce.Hits.Select(h => h.Url).ShouldContain("/standards/gb-55015-2021"); // published, in force since 1 April 2022
        var drafts = await Search("", kind: "standard", status: "DraftForComments");
        drafts.Hits.ShouldHaveSingleItem().Url.ShouldBe("/standards/information-security-technology-guideline-for-identification-of-critical-data");
    }

    [Fact]
    public async Task An_empty_query_with_filters_browses_newest_first()
    {
        var result = await Search(null, sector: "intelligent-manufacturing");

        result.Total.ShouldBeGreaterThan(0);
        result.Messages.ShouldBeEmpty();
        result.Hits.Select(h => h.Url).ShouldContain("/articles/china-intelligent-manufacturing-standardisation-guideline");
    }

    [Fact]
    public async Task Unknown_facet_values_are_ignored_with_a_message()
    {
        var result = await SendAsync(new SearchPortal.Query("carbon", Kind: ["gadget"], Sector: ["atlantis"], Status: ["lost"], Authority: ["nobody"], Year: ["20x1"]));

        result.Messages.Count.ShouldBe(5);
        result.Applied.Any.ShouldBeFalse();
        result.Total.ShouldBe((await Search("carbon")).Total);
    }
}
