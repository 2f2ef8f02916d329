using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace SesecPortal.BrowserTests;

/// <summary>A reader's journey through the seed issue in real Chromium, and an axe-core scan of every page type.</summary>
public sealed class PublicPagesTests(BrowserFixture browser)
{
    public static TheoryData<string, string, string> PageTypes => new()
    {
        { "home", "/", "December 2021 – January 2022" },
        { "issues", "/issues", "December 2021 – January 2022" },
        { "issue", "/issues/december-2021-january-2022", "Takeaways" },
        { "article", "/articles/2022-annual-plan-and-updates-of-chinese-ai-standards-formulation", "Part I" },
        { "sectors", "/sectors", "Items per sector" },
        { "sector", "/sectors/carbon", "Carbon emission" },
        { "policy", "/policies/opinions-strictly-regulating-energy-efficiency-key-areas", "National Development and Reform Commission" },
        { "standard", "/standards/gb-55015-2021", "In force" },
        { "working-groups", "/working-groups", "Subcommittee" },
        { "working-group", "/working-groups/tc28-sc42-computer-vision", "Computer Vision Work Group" },
        { "organisations", "/organisations", "Government authority" },
        { "organisation", "/organisations/miit", "Ministry of Industry and Information Technology" },
        { "not-found", "/standards/no-such-standard", "Page not found" },
    };

    [Fact]
    public async Task A_reader_goes_from_the_home_page_to_the_issue_an_article_its_sector_and_a_standard()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Read the whole issue" }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, "**/issues/december-2021-january-2022");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("December 2021 – January 2022");

        await page.Locator("#carbon-emission").GetByRole(AriaRole.Link, new() { Name = "China First Mandatory Standard of Carbon Emissions", Exact = false }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, "**/articles/china-first-mandatory-standard-**");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("GB 55015-2021");

        await page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Carbon emission" }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, "**/sectors/carbon");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Carbon emission");

        await page.GetByRole(AriaRole.Link, new() { Name = "GB 55015-2021", Exact = false }).First.ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, "**/standards/gb-55015-2021");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("General Specification of Energy Efficiency and Renewable Resources Utilisation in Construction Sector");

        await page.GetByRole(AriaRole.Link, new() { Name = "China First Mandatory Standard of Carbon Emissions", Exact = false }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, "**/articles/china-first-mandatory-standard-**");
        await Screenshot(page, "journey-back-to-article");
    }

    [Theory]
    [MemberData(nameof(PageTypes))]
    public async Task Each_page_type_has_no_serious_or_critical_accessibility_violations(string name, string path, string expected)
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync(path);
        (await page.Locator("main").InnerTextAsync()).ShouldContain(expected);
        var result = await page.RunAxe();
        await Screenshot(page, name);

        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        blocking.ShouldBeEmpty(Describe(blocking));
    }

    [Theory]
    [InlineData("/issues/december-2021-january-2022")]
    [InlineData("/articles/sac-sets-plan-for-the-development-of-national-standards-in-the-next-five-years")]
    [InlineData("/working-groups/tc28-sc42-knowledge-graph")]
    public async Task Pages_fit_a_phone_screen_without_sideways_scrolling(string path)
    {
        var page = await browser.NewPageAsync(width: 375, height: 740);

        await page.GotoAsync(path);

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        overflow.ShouldBeLessThanOrEqualTo(0);
        await Screenshot(page, "phone-" + path.Split('/').Last());
    }

    [Fact]
    public async Task The_portal_reads_without_javascript()
    {
        var page = await browser.NewPageAsync(javaScript: false);

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Read the whole issue" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "What is “Important Data”? New Standard Provides the Answer" }).First.ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, "**/articles/what-is-important-data-**");

        (await page.Locator("main").InnerTextAsync()).ShouldContain("13 March 2022");
    }

    [Fact]
    public async Task The_issue_prints_without_navigation()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/issues/december-2021-january-2022");

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        (await page.Locator(".site-header nav").IsVisibleAsync()).ShouldBeFalse();
        (await page.Locator("h1").IsVisibleAsync()).ShouldBeTrue();
        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "issue-print.pdf") });
        pdf.Length.ShouldBeGreaterThan(10_000);
    }

    private static async Task Screenshot(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, name + ".png"), FullPage = true });

    private static string Describe(IEnumerable<AxeResultItem> violations) =>
        string.Join("\n", violations.Select(v => $"{v.Impact} {v.Id}: {v.Help} — {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}"));
}
