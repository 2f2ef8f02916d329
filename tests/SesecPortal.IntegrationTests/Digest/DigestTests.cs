using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Features.Digest;

namespace SesecPortal.IntegrationTests.Digest;

public sealed class DigestTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    [Fact]
    public async Task By_default_the_digest_covers_the_latest_issues_period()
    {
        var digest = await SendAsync(new GetDigest.Query());

        digest.Period.ShouldBe("issue");
        digest.From.ShouldBe(new DateOnly(2021, 12, 1));
        digest.To.ShouldBe(new DateOnly(2022, 1, 31));
        digest.Issue.ShouldBe("december-2021-january-2022");
        digest.Entries.Select(e => e.Url).ShouldContain("/policies/14th-fyp-national-standards-system");
        digest.Entries.SelectMany(e => e.Articles).Select(a => a.Url).ShouldContain("/articles/what-is-important-data-new-standard-provides-the-answer");
        digest.Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_issue_digest_holds_every_one_of_the_issues_eleven_takeaways()
    {
        await using var db = Fixture.Database.CreateDbContext();
        var takeaways = await db.Issues.Where(i => i.Slug == "december-2021-january-2022").SelectMany(i => i.Takeaways)
            .OrderBy(t => t.Position).Select(t => new { t.Title, Article = t.Article!.Slug }).ToListAsync(Ct);

        var digest = await SendAsync(new GetDigest.Query(Period: "issue", Issue: "december-2021-january-2022"));

        takeaways.Count.ShouldBe(11);
        var shown = digest.Entries.Select(e => e.Url).Concat(digest.Entries.SelectMany(e => e.Articles).Select(a => a.Url)).ToHashSet();
        takeaways.Where(t => !shown.Contains($"/articles/{t.Article}")).Select(t => t.Title).ShouldBeEmpty("takeaways missing from the digest");
        var policies = digest.Entries.Where(e => e.Kind == "policy").Select(e => e.Url).ToList();
        policies.ShouldContain("/policies/carbon-peak-action-plan-before-2030"); // 26 October, before the issue's months
        policies.ShouldContain("/policies/opinions-strictly-regulating-energy-efficiency-key-areas"); // 18 October
        policies.ShouldContain("/policies/14th-fyp-information-and-communication-industry"); // 1 November
        policies.ShouldContain("/policies/measures-security-assessment-cross-border-data-transfer"); // 29 October
        policies.ShouldContain("/policies/guidelines-national-intelligent-manufacturing-standard-system-2021"); // 17 November
        digest.Entries.ShouldContain(e => e.Url == "/articles/china-meets-europe-sesec-presented-at-hamburg-summit", "an article about no policy is an entry of its own");
    }

    [Fact]
    public async Task A_policy_and_the_articles_about_it_are_one_entry()
    {
        var digest = await SendAsync(new GetDigest.Query());

        var plan = digest.Entries.Single(e => e.Url == "/policies/carbon-peak-action-plan-before-2030");
        plan.Articles.Select(a => a.Url).ShouldBe(["/articles/action-plan-for-carbon-emission-peak-before-2030-put-forward-in-china"]);
        plan.Date.ShouldBe("26 October 2021");
        plan.Status.ShouldBe("Final");
        plan.Authorities.Select(a => a.Slug).ShouldBe(["state-council"]);
        plan.SourceUrl.ShouldBe("http://www.gov.cn/zhengce/content/2021-10/26/content_5644984.htm");
        digest.Entries.ShouldNotContain(e => e.Url == "/articles/action-plan-for-carbon-emission-peak-before-2030-put-forward-in-china");
        digest.Entries.Single(e => e.Url == "/policies/guidelines-national-intelligent-manufacturing-standard-system-2021").Articles.Select(a => a.Url).ShouldBe(
            ["/articles/china-intelligent-manufacturing-standardisation-guideline", "/articles/china-issues-the-14th-five-year-plan-for-the-development-of-intelligent-manufacturing"],
            ignoreOrder: true);
        digest.Entries.Select(e => e.Url).ShouldBeUnique();
    }

    [Fact]
    public async Task The_digest_is_grouped_by_sector_then_authority()
    {
        var digest = await SendAsync(new GetDigest.Query());

        digest.Group.ShouldBe("sector");
        digest.Groups.ShouldAllBe(g => g.Kind == "sector" && g.Subsections.All(s => s.Kind == "authority"));
        var carbon = digest.Groups.Single(g => g.Slug == "carbon");
        carbon.Title.ShouldBe("Carbon emission");
        carbon.Subsections.Single(s => s.Slug == "state-council").Entries.Select(e => e.Url).ShouldContain("/policies/carbon-peak-action-plan-before-2030");
        carbon.Subsections.Single(s => s.Slug == "ndrc").Entries.Select(e => e.Url).ShouldContain("/policies/opinions-strictly-regulating-energy-efficiency-key-areas");
        digest.Groups.Single(g => g.Slug == "intelligent-manufacturing").Subsections.Single(s => s.Slug == "miit").Entries.Select(e => e.Url).ShouldBe(
            ["/policies/guidelines-national-intelligent-manufacturing-standard-system-2021", "/policies/14th-fyp-intelligent-manufacturing"]); // 17 November, 28 December
        digest.Groups.SelectMany(g => g.Subsections).SelectMany(s => s.Entries).Count().ShouldBe(digest.Entries.Count, "each entry is in one group");
    }

    [Fact]
    public async Task Grouped_by_authority_the_authority_comes_first_then_the_sector()
    {
        var digest = await SendAsync(new GetDigest.Query(Group: "authority"));

        digest.Group.ShouldBe("authority");
        digest.Groups.ShouldAllBe(g => g.Kind == "authority" && g.Subsections.All(s => s.Kind == "sector"));
        var miit = digest.Groups.Single(g => g.Slug == "miit");
        miit.Title.ShouldBe("MIIT");
        miit.Subsections.Select(s => s.Slug).ShouldBe(["ict", "intelligent-manufacturing"]);
        digest.Groups[^1].Slug.ShouldBeNull("entries without an authority come last");
        digest.Groups[^1].Title.ShouldBe("No authority named");
        digest.Groups.SelectMany(g => g.Subsections).SelectMany(s => s.Entries).Count().ShouldBe(digest.Entries.Count);
        digest.Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_article_without_an_event_date_is_shown_undated_after_the_dated_entries()
    {
        var digest = await SendAsync(new GetDigest.Query());

        var entries = digest.Entries.ToList();
        var undated = entries.Single(e => e.Url == "/articles/china-first-mandatory-standard-of-carbon-emissions-to-largely-reduce-the-carbon");
        undated.Date.ShouldBeNull();
        undated.DateIso.ShouldBeNull();
        undated.PublishedOn.ShouldBe("31 January 2022");
        entries.IndexOf(undated).ShouldBeGreaterThan(entries.FindLastIndex(e => e.Date is not null));
        var month = await SendAsync(new GetDigest.Query(Period: "month", Month: "2022-01"));
        month.Entries.Single(e => e.Url == undated.Url).Date.ShouldBeNull("found by its publication, never dated by it");
    }

    [Fact]
    public async Task A_bad_grouping_falls_back_to_sector_with_a_message()
    {
        var digest = await SendAsync(new GetDigest.Query(Group: "colour"));

        digest.Group.ShouldBe("sector");
        digest.Messages.ShouldContain(m => m.Contains("“colour” is not a way to group the digest", StringComparison.Ordinal));
        digest.Entries.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task An_unknown_issue_shows_the_latest_issue_with_a_message()
    {
        var digest = await SendAsync(new GetDigest.Query(Period: "issue", Issue: "no-such-issue"));

        digest.Period.ShouldBe("issue");
        digest.Issue.ShouldBe("december-2021-january-2022");
        digest.Messages.ShouldContain(m => m.Contains("There is no issue “no-such-issue”", StringComparison.Ordinal));
        digest.Entries.Count.ShouldBeGreaterThan(11);
    }

    [Fact]
    public async Task A_month_lists_policies_and_articles_in_date_order()
    {
        var digest = await SendAsync(new GetDigest.Query(Period: "month", Month: "2021-10"));

        digest.Title.ShouldBe("October 2021");
        var urls = digest.Entries.Select(e => e.Url).ToList();
        urls.ShouldContain("/policies/opinions-strictly-regulating-energy-efficiency-key-areas");
        urls.ShouldContain("/policies/carbon-peak-action-plan-before-2030");
        digest.Entries.Single(e => e.Url == "/policies/measures-security-assessment-cross-border-data-transfer").Articles.Select(a => a.Url)
            .ShouldBe(["/articles/china-cross-border-data-transfer-administration-specified-in-detail"]);
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
