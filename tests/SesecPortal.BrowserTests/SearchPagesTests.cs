using System.Text;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace SesecPortal.BrowserTests;

/// <summary>Finding things in real Chromium: search, narrow by facets, open a result; the finder and the digest.</summary>
public sealed class SearchPagesTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_reader_searches_narrows_by_facets_and_opens_a_result()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search the portal" }).FillAsync("plan");
        await page.Locator("header").GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, "**/search?q=plan");
        var before = await page.Locator("#results-heading").InnerTextAsync();

        await page.Locator("#facet-kind + ul").GetByRole(AriaRole.Link, new() { Name = "Policy" }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, "**kind=policy**");
        await page.Locator("#facet-sector + ul").GetByRole(AriaRole.Link, new() { Name = "Carbon emission" }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, "**sector=carbon**");
        var after = await page.Locator("#results-heading").InnerTextAsync();
        after.ShouldNotBe(before);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "search-narrowed.png"), FullPage = true });

        await page.Locator(".hit h3 a").First.ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, "**/policies/**");
        (await page.Locator("h1").InnerTextAsync()).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Pasting_a_standard_code_opens_the_standard()
    {
        var page = await browser.NewPageAsync(javaScript: false);
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search the portal" }).FillAsync("T/CESA 1026-2018");
        await page.Locator("header").GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        await BrowserFixture.WaitForPageAsync(page, "**/standards/t-cesa-1026-2018");
        (await page.Locator("h1").InnerTextAsync()).ShouldContain("T/CESA 1026—2018");
    }

    [Theory]
    [InlineData("search", "/search?q=carbon", "results")]
    [InlineData("search-empty", "/search?q=zzzqqqxxx", "0 results")]
    [InlineData("standards", "/standards", "41 standards")]
    [InlineData("standards-filtered", "/standards?sector=construction&status=InForce", "standards")]
    [InlineData("digest", "/digest", "Policy digest")]
    [InlineData("digest-quarter", "/digest?period=quarter&quarter=2021-Q4&sector=carbon", "Q4 2021")]
    [InlineData("consultations", "/consultations", "Past consultations")]
    [InlineData("consultations-sector", "/consultations?sector=cybersecurity", "Cybersecurity")]
    [InlineData("targets", "/targets", "Policy targets")]
    [InlineData("targets-filtered", "/targets?sector=carbon&year=2030", "about 25 %")]
    public async Task Discovery_pages_have_no_serious_or_critical_accessibility_violations(string name, string path, string expected)
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync(path);
        (await page.Locator("main").InnerTextAsync()).ShouldContain(expected);
        var result = await page.RunAxe();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, name + ".png"), FullPage = true });

        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        blocking.ShouldBeEmpty(string.Join("\n", blocking.Select(v => $"{v.Impact} {v.Id}: {v.Help} — {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}")));
    }

    [Fact]
    public async Task A_company_narrows_the_standards_finder_to_its_sector()
    {
        var page = await browser.NewPageAsync(javaScript: false);
        await page.GotoAsync("/standards");

        await page.Locator("#facet-sector + ul").GetByRole(AriaRole.Link, new() { Name = "Construction & buildings" }).ClickAsync();
        await page.Locator("#facet-level + ul").GetByRole(AriaRole.Link, new() { Name = "Recommended national standard (GB/T)" }).ClickAsync();

        (await page.Locator("#results-heading").InnerTextAsync()).ShouldContain("2 standards");
        await page.GetByRole(AriaRole.Link, new() { Name = "Green Buildings Assessment Standard", Exact = false }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, "**/standards/gb-t-50378-2019");
    }

    [Fact]
    public async Task The_digest_changes_period_with_the_form_and_prints()
    {
        var page = await browser.NewPageAsync(javaScript: false);
        await page.GotoAsync("/digest");

        await page.Locator("#period-month").CheckAsync();
        await page.Locator("#month").FillAsync("2021-10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show digest" }).ClickAsync();

        (await page.Locator("h1").InnerTextAsync()).ShouldContain("October 2021");
        (await page.Locator("section.digest").InnerTextAsync()).ShouldContain("Carbon Emission Peak Action Plan before 2030");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        (await page.Locator("form.filters").IsVisibleAsync()).ShouldBeFalse();
    }

    [Theory]
    [InlineData("digest-by-sector", "/digest")]
    [InlineData("digest-by-authority", "/digest?group=authority")]
    [InlineData("digest-quarter-by-authority", "/digest?period=quarter&quarter=2021-Q4&sector=carbon&group=authority")]
    public async Task The_grouped_digest_has_no_serious_or_critical_violations_at_1280_and_375_px_and_no_sideways_scrolling(string name, string path)
    {
        // axe-core runs as a script in the page: with JavaScript off its promise never settles.
        var page = await browser.NewPageAsync();

        await page.GotoAsync(path);

        (await page.Locator(".digest-group h2").CountAsync()).ShouldBeGreaterThan(0);
        await BrowserFixture.ExpectAccessibleAtBothWidthsAsync(page, name);
    }

    [Fact]
    public async Task A_reader_switches_the_digests_grouping_with_a_link_and_downloads_it()
    {
        var page = await browser.NewPageAsync(javaScript: false);
        await page.GotoAsync("/digest");
        (await page.Locator(".digest-group h2").First.InnerTextAsync()).ShouldStartWith("Horizontal and policy issues");

        await page.GetByRole(AriaRole.Link, new() { Name = "authority, then sector" }).ClickAsync();

        await BrowserFixture.WaitForPageAsync(page, "**/digest?period=issue&issue=december-2021-january-2022&group=authority");
        (await page.Locator(".digest-group h2").AllInnerTextsAsync()).ShouldContain(t => t.StartsWith("MIIT", StringComparison.Ordinal));
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).ClickAsync());
        download.SuggestedFilename.ShouldBe("digest.csv");
    }

    [Fact]
    public async Task The_digest_prints_its_source_addresses_without_navigation_or_mostly_blank_pages()
    {
        var page = await browser.NewPageAsync(javaScript: false, width: 680);
        await page.GotoAsync("/digest");

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        (await page.Locator(".site-header nav").IsVisibleAsync()).ShouldBeFalse();
        (await page.Locator(".site-search").IsVisibleAsync()).ShouldBeFalse();
        (await page.Locator(".facets").IsVisibleAsync()).ShouldBeFalse();
        (await page.Locator(".digest-tools").IsVisibleAsync()).ShouldBeFalse();
        var source = page.Locator("a.source-url", new() { HasText = "http://www.gov.cn/zhengce/content/2021-10/26/content_5644984.htm" });
        (await source.IsVisibleAsync()).ShouldBeTrue("the address is printed, not only linked");
        var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "digest-print.pdf") });
        var pages = Regex.Count(Encoding.Latin1.GetString(pdf), @"/Type\s*/Page\b(?!s)");
        // A4 less the 18 mm margins holds about 990 px of the page: one page more than that is a break or two, not blank pages.
        pages.ShouldBeInRange(1, (int)Math.Ceiling(height / 990.0) + 1, $"{pages} pages for {height} px of printed page");
    }
}
