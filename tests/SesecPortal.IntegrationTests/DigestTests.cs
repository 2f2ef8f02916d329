using SesecPortal.Application.Features.Digest;

namespace SesecPortal.IntegrationTests;

public sealed class DigestTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    [Fact]
    public async Task By_default_the_digest_covers_the_latest_issues_period()
    {
        var digest = await SendAsync(new GetDigest.Query());

        digest.Period.ShouldBe("issue");
        digest.From.ShouldBe(new DateOnly(2021, 12, 1));
        digest.To.ShouldBe(new DateOnly(2022, 1, 31));
        digest.Entries.Select(e => e.Url).ShouldContain("/policies/14th-fyp-national-standards-system");
        digest.Entries.Select(e => e.Url).ShouldContain("/articles/what-is-important-data-new-standard-provides-the-answer");
        digest.Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_month_lists_policies_and_articles_in_date_order()
    {
        var digest = await SendAsync(new GetDigest.Query(Period: "month", Month: "2021-10"));

        digest.Title.ShouldBe("October 2021");
        var urls = digest.Entries.Select(e => e.Url).ToList();
        urls.ShouldContain("/policies/opinions-strictly-regulating-energy-efficiency-key-areas");
        urls.ShouldContain("/policies/carbon-peak-action-plan-before-2030");
        urls.ShouldContain("/articles/china-cross-border-data-transfer-administration-specified-in-detail");
        urls.IndexOf("/policies/opinions-strictly-regulating-energy-efficiency-key-areas")
            .ShouldBeLessThan(urls.IndexOf("/policies/carbon-peak-action-plan-before-2030")); // 18 before 26 October
        digest.Entries.Single(e => e.Url == "/policies/opinions-strictly-regulating-energy-efficiency-key-areas")
            .Authorities.Select(a => a.Slug).ShouldBe(["ndrc", "nea", "miit", "mee", "samr"]);
    }

    [Fact]
    public async Task An_analyst_gets_every_carbon_policy_of_a_quarter()
    {
        var digest = await SendAsync(new GetDigest.Query(Period: "quarter", Quarter: "2021-Q4", Sector: ["carbon"]));

        digest.Title.ShouldBe("Q4 2021");
        digest.Entries.Where(e => e.Kind == "policy").Select(e => e.Url).ShouldBe(
            ["/policies/opinions-strictly-regulating-energy-efficiency-key-areas", "/policies/carbon-peak-action-plan-before-2030"], ignoreOrder: true);
        digest.Entries.ShouldAllBe(e => e.Sectors.Any(s => s.Slug == "carbon"));
    }

    [Fact]
    public async Task The_authority_filter_keeps_what_that_authority_issued()
    {
        var digest = await SendAsync(new GetDigest.Query(Period: "custom", From: "2021-10-01", To: "2022-01-31", Authority: ["cac"]));

        digest.Entries.Select(e => e.Url).ShouldContain("/policies/measures-security-assessment-cross-border-data-transfer");
        digest.Entries.Select(e => e.Url).ShouldNotContain("/policies/carbon-peak-action-plan-before-2030");
    }

    [Fact]
    public async Task A_policy_known_only_by_its_month_keeps_its_month()
    {
        var digest = await SendAsync(new GetDigest.Query(Period: "month", Month: "2021-10"));

        digest.Entries.Single(e => e.Url == "/policies/national-outline-for-standardization-development").Date.ShouldBe("October 2021");
    }

    [Theory]
    [InlineData("month", "2021-13", null, null, "is not a month")]
    [InlineData("quarter", "2021-Q5", null, null, "is not a quarter")]
    [InlineData("custom", null, "yesterday", "2022-01-01", "needs a start and an end")]
    [InlineData("weekly", null, null, null, "is not a kind of period")]
    public async Task A_bad_period_falls_back_to_the_latest_issue_with_a_message(string period, string? value, string? from, string? to, string message)
    {
        var digest = await SendAsync(new GetDigest.Query(Period: period, Month: value, Quarter: value, From: from, To: to));

        digest.Period.ShouldBe("issue");
        digest.Messages.ShouldContain(m => m.Contains(message, StringComparison.Ordinal));
        digest.Entries.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task A_reversed_range_is_swapped_with_a_message()
    {
        var digest = await SendAsync(new GetDigest.Query(Period: "custom", From: "2022-01-31", To: "2021-12-01"));

        digest.From.ShouldBe(new DateOnly(2021, 12, 1));
        digest.Messages.ShouldContain(m => m.Contains("swapped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_sectors_and_authorities_are_ignored_with_a_message()
    {
        var digest = await SendAsync(new GetDigest.Query(Sector: ["atlantis"], Authority: ["nobody"]));

        digest.Messages.Count.ShouldBe(2);
        digest.Entries.ShouldNotBeEmpty();
    }
}
