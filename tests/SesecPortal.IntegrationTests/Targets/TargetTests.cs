using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Targets;
using SesecPortal.Application.Seed;

namespace SesecPortal.IntegrationTests.Targets;

public sealed class TargetTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    [Theory]
    [InlineData("carbon-peak-action-plan-before-2030", "non-fossil", 20, "%", TargetComparison.AtLeast, 2025)]
    [InlineData("carbon-peak-action-plan-before-2030", "non-fossil", 25, "%", TargetComparison.About, 2030)]
    [InlineData("opinions-strictly-regulating-energy-efficiency-key-areas", "data cent", 1.5, "", TargetComparison.AtMost, 2025)]
    [InlineData("14th-fyp-national-standards-system", "conversion rate of international standards", 85, "%", TargetComparison.AtLeast, 2025)]
    [InlineData("14th-fyp-national-standards-system", "duration", 18, "months", TargetComparison.AtMost, 2025)]
    [InlineData("14th-fyp-digital-economy", "core industries", 10, "%", TargetComparison.Exactly, 2025)]
    public async Task Targets_are_loaded_with_values_and_years_exactly_as_in_the_text(string policy, string metric, double value, string unit, TargetComparison comparison, int year)
    {
        await using var db = Fixture.Database.CreateDbContext();

        var targets = await db.Targets.Where(t => t.Policy!.Slug == policy && t.TargetYear == year).ToListAsync(Ct);

        var target = targets.Where(t => t.Metric.Contains(metric, StringComparison.OrdinalIgnoreCase) && t.Value == (decimal)value).ShouldHaveSingleItem();
        target.Unit.ShouldBe(unit);
        target.Comparison.ShouldBe(comparison);
    }

    [Fact]
    public async Task Every_target_of_the_seed_is_loaded_once_even_when_the_seed_loads_twice()
    {
        await Fixture.Database.SeedAsync();
        await using var db = Fixture.Database.CreateDbContext();

        (await db.Targets.CountAsync(Ct)).ShouldBe(SeedLoader.ReadEmbedded().Targets.Count);
        (await db.Targets.CountAsync(Ct)).ShouldBeGreaterThan(30);
    }

    [Fact]
    public async Task Targets_are_browsed_by_sector_and_year_with_counts()
    {
        var all = await SendAsync(new ListTargets.Query());
        var carbon2030 = await SendAsync(new ListTargets.Query(Sector: ["carbon"], Year: ["2030"]));

        all.Years.Select(y => y.Value).ShouldContain("2025");
        all.Sectors.Sum(s => s.Count).ShouldBeGreaterThanOrEqualTo(all.Targets.Count);
        carbon2030.Targets.Count.ShouldBe(2);
        carbon2030.Targets.ShouldAllBe(t => t.Year == 2030 && t.Owner!.Slug == "carbon-peak-action-plan-before-2030");
        carbon2030.Targets.Select(t => t.Statement).ShouldContain("about 25 %");
    }

    [Fact]
    public async Task Unknown_filters_are_ignored_with_a_message()
    {
        var result = await SendAsync(new ListTargets.Query(Sector: ["atlantis"], Year: ["someday"]));

        result.Messages.Count.ShouldBe(2);
        result.Targets.Count.ShouldBeGreaterThan(30);
    }

    [Fact]
    public async Task A_policy_page_shows_the_targets_it_sets()
    {
        var (_, document) = await GetPageAsync("/policies/opinions-strictly-regulating-energy-efficiency-key-areas");

        var text = document.QuerySelector("section.targets")!.TextContent;
        text.ShouldContain("at most 1.5");
        text.ShouldContain("at most 1.3");
    }

    [Fact]
    public async Task A_standard_page_shows_its_quantitative_requirements()
    {
        var (_, document) = await GetPageAsync("/standards/gb-55015-2021");

        document.QuerySelector("section.targets")!.TextContent.ShouldContain("40 %");
    }

    [Fact]
    public async Task The_targets_page_filters_by_links()
    {
        var (_, document) = await GetPageAsync("/targets?sector=digital-economy");

        document.QuerySelector("#results-heading")!.TextContent.ShouldContain("targets");
        document.QuerySelector("table.data")!.TextContent.ShouldContain("800");
        document.QuerySelectorAll(".facets a").Select(a => a.GetAttribute("href")).ShouldContain("/targets?sector=digital-economy&year=2025");
    }
}
