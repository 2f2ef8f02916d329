using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.BrowserTests;

/// <summary>
/// A phone (375 px): no page scrolls sideways, tables read as cards, filters come first, the editor's header stays
/// short; and the pages this look changed or added, scanned by axe at 1280 and 375 px.
/// </summary>
public sealed class PhoneLayoutTests(BrowserFixture browser)
{
    /// <summary>The tallest the header bars may be on an editor's page at 375 px (both were about 315 px).</summary>
    private const int EditorHeaderBound = 120;

    /// <summary>One page of every public type, and the pages of the look itself.</summary>
    private static readonly string[] PublicPages =
    [
        "/", "/issues", "/issues/december-2021-january-2022", "/issues/december-2021-january-2022/print",
        "/articles/2022-annual-plan-and-updates-of-chinese-ai-standards-formulation", "/sectors", "/sectors/carbon",
        "/policies/opinions-strictly-regulating-energy-efficiency-key-areas", "/standards", "/standards?status=in-force",
        "/standards/gb-55015-2021", "/working-groups", "/working-groups/tc28-sc42-computer-vision", "/organisations",
        "/organisations/miit", "/search?q=carbon", "/digest", "/consultations", "/targets", "/newsletter",
        "/account/sign-in", "/account/sign-up", "/about", "/privacy", "/accessibility", "/data", "/standards/no-such-standard",
    ];

    private async Task<int> IdAsync(Func<PortalDbContext, Task<int>> read)
    {
        await using var scope = browser.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    private static string Name(string path) => "phone" + (path == "/" ? "-home" : path.Replace('/', '-').Replace('?', '-').Replace('=', '-'));

    /// <summary>Scans the page with axe and returns what makes it scroll sideways, if anything does.</summary>
    private static async Task<string?> ScanAndMeasureAsync(IPage page, string path)
    {
        await BrowserFixture.ExpectAccessibleAsync(page, Name(path));
        var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, window.innerWidth]");
        if (widths[0] <= widths[1])
        {
            return null;
        }

        // Name the innermost elements that end beyond the window (outside the menus, which scroll by themselves).
        var wide = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('body *')].filter(e => !e.closest('nav ul, .visually-hidden, .table-scroll') && e.getBoundingClientRect().right > innerWidth + 1 && ![...e.children].some(c => c.getBoundingClientRect().right > innerWidth + 1)).slice(0, 6).map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${String(e.className).trim().replace(/ +/g, '.')} ends at ${Math.round(e.getBoundingClientRect().right)}`)");
        return $"{path} is {widths[0]} px wide in a {widths[1]} px window: {string.Join("; ", wide)}";
    }

    [Fact]
    public async Task Every_public_page_type_fits_a_phone_without_sideways_scrolling_and_passes_axe()
    {
        var page = await browser.NewPageAsync(width: 375, height: 740);
        var sideways = new List<string>();
        foreach (var path in PublicPages)
        {
            await page.GotoAsync(path);
            sideways.AddRange(await ScanAndMeasureAsync(page, path) is { } wide ? [wide] : []);
        }

        sideways.ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_kind_of_editor_page_fits_a_phone_without_sideways_scrolling_and_passes_axe()
    {
        var article = await IdAsync(db => db.Articles.Where(a => a.Slug == "china-meets-europe-sesec-presented-at-hamburg-summit").Select(a => a.Id).SingleAsync());
        var issue = await IdAsync(db => db.Issues.Where(i => i.Slug == "december-2021-january-2022").Select(i => i.Id).SingleAsync());
        var standard = await IdAsync(db => db.Standards.Where(s => s.Slug == "gb-55015-2021").Select(s => s.Id).SingleAsync());
        var page = await browser.SignedInPageAsync("phone-editor@example.com", Roles.Editor);
        await page.SetViewportSizeAsync(375, 740);
        var sideways = new List<string>();
        foreach (var path in new[]
        {
            "/editor", "/editor/articles", "/editor/articles/new", $"/editor/articles/{article}", $"/editor/articles/{article}/history",
            "/editor/issues", $"/editor/issues/{issue}", $"/editor/issues/{issue}/preview", "/editor/standards", $"/editor/standards/{standard}",
            $"/editor/standards/{standard}/relations", "/editor/sectors", "/editor/audit",
        })
        {
            var response = await page.GotoAsync(path);
            response!.Status.ShouldBe(200, path);
            sideways.AddRange(await ScanAndMeasureAsync(page, path) is { } wide ? [wide] : []);
        }

        sideways.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_finder_shows_each_status_whole_on_a_phone()
    {
        var page = await browser.NewPageAsync(width: 375, height: 740);
        await page.GotoAsync("/standards");

        var statuses = await page.Locator("td.status").AllInnerTextsAsync();
        statuses.ShouldNotBeEmpty();
        statuses.ShouldContain("Under development");
        // A cell is clipped when its text is wider than the cell, and cut off when it ends beyond the window.
        var clipped = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('td.status')].filter(td => td.scrollWidth > td.clientWidth || td.getBoundingClientRect().right > window.innerWidth).map(td => td.innerText)");
        clipped.ShouldBeEmpty();

        (await page.EvaluateAsync<bool>("() => [...document.querySelectorAll('.table-scroll')].every(t => t.scrollWidth <= t.clientWidth)")).ShouldBeTrue("a table scrolls sideways");
    }

    [Fact]
    public async Task The_targets_table_reads_as_cards_with_every_column_on_a_phone()
    {
        var page = await browser.NewPageAsync(width: 375, height: 740);
        await page.GotoAsync("/targets");

        var rights = await page.EvaluateAsync<int[]>("() => [...document.querySelectorAll('table.data td')].map(td => Math.ceil(td.getBoundingClientRect().right))");
        rights.ShouldNotBeEmpty();
        rights.Max().ShouldBeLessThanOrEqualTo(375);
        (await page.Locator("table.data td[data-label='Set by']").First.IsVisibleAsync()).ShouldBeTrue();
        (await page.Locator("table.data td[data-label='Baseline']").First.IsVisibleAsync()).ShouldBeTrue();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task On_a_phone_the_filters_come_before_the_results_in_a_Filters_control(bool javaScript)
    {
        var page = await browser.NewPageAsync(javaScript, width: 375, height: 740);
        await page.GotoAsync("/standards");

        var control = page.Locator(".facets summary", new() { HasText = "Filters" });
        (await control.IsVisibleAsync()).ShouldBeTrue();
        var filtersTop = (await control.BoundingBoxAsync())!.Y;
        var resultsTop = (await page.Locator("#results-heading").BoundingBoxAsync())!.Y;
        filtersTop.ShouldBeLessThan(resultsTop, "the Filters control comes before the results");
        var aFilter = page.Locator(".facets #facet-status + ul a").First;
        (await aFilter.IsVisibleAsync()).ShouldBeFalse("the filters are folded");

        await control.ClickAsync();
        (await aFilter.IsVisibleAsync()).ShouldBeTrue("the Filters control opens");
        await aFilter.ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, "**/standards?status=*");
        (await page.Locator(".facets summary").InnerTextAsync()).ShouldBe("Filters (1 on)");
    }

    [Fact]
    public async Task On_a_wide_screen_the_filters_stand_open_beside_the_results()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/standards");

        (await page.Locator(".facets summary").IsVisibleAsync()).ShouldBeFalse();
        var aFilter = page.Locator(".facets #facet-status + ul a").First;
        (await aFilter.IsVisibleAsync()).ShouldBeTrue();
        var filters = (await page.Locator(".facets").BoundingBoxAsync())!;
        var results = (await page.Locator("#results-heading").BoundingBoxAsync())!;
        (filters.X + filters.Width).ShouldBeLessThanOrEqualTo(results.X, "the filters are beside the results");
        await aFilter.ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, "**/standards?status=*");
    }

    [Fact]
    public async Task On_a_phone_the_editors_header_bars_take_little_height_and_the_article_pickers_stay_on_their_cards()
    {
        var issue = await IdAsync(db => db.Issues.Where(i => i.Slug == "december-2021-january-2022").Select(i => i.Id).SingleAsync());
        var page = await browser.SignedInPageAsync("phone-builder@example.com", Roles.Editor);
        await page.SetViewportSizeAsync(375, 740);
        await page.GotoAsync($"/editor/issues/{issue}");

        var headerBottom = await page.EvaluateAsync<double>("() => document.querySelector('.editor-nav').getBoundingClientRect().bottom");
        var parts = await page.EvaluateAsync<string>("() => ['.brand', '.site-search', '.site-header nav', '.site-header', '.editor-nav'].map(s => { const r = document.querySelector(s).getBoundingClientRect(); return `${s} ${r.top}-${r.bottom} w${r.width}`; }).join('; ')");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "phone-editor-header.png") });
        await File.WriteAllTextAsync(Path.Combine(BrowserFixture.ArtifactsDirectory, "phone-editor-header.txt"), $"The header bars of the issue builder end {headerBottom} px down at 375 px ({parts}).\n", TestContext.Current.CancellationToken);
        headerBottom.ShouldBeLessThanOrEqualTo(EditorHeaderBound, parts);
        (await page.Locator(".editor-nav a", new() { HasText = "Audit log" }).CountAsync()).ShouldBe(1);

        var overflowing = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('.builder-section select, .builder-section input')].filter(e => e.getBoundingClientRect().right > e.closest('.builder-section').getBoundingClientRect().right + 0.5).map(e => e.id)");
        overflowing.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/standards")]
    [InlineData("/targets")]
    [InlineData("/search?q=carbon")]
    [InlineData("/about")]
    [InlineData("/privacy")]
    [InlineData("/accessibility")]
    [InlineData("/data")]
    [InlineData("/standards?sector=ict&status=InForce")]
    public async Task A_page_this_look_changed_or_added_passes_axe_at_both_widths(string path)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(path);

        await BrowserFixture.ExpectAccessibleAtBothWidthsAsync(page, "look" + (path == "/" ? "-home" : path.Replace('/', '-').Replace('?', '-').Replace('=', '-')));
    }

    [Fact]
    public async Task The_issue_builder_passes_axe_at_both_widths()
    {
        var issue = await IdAsync(db => db.Issues.Where(i => i.Slug == "december-2021-january-2022").Select(i => i.Id).SingleAsync());
        var page = await browser.SignedInPageAsync("look-builder@example.com", Roles.Editor);
        await page.GotoAsync($"/editor/issues/{issue}");

        await BrowserFixture.ExpectAccessibleAtBothWidthsAsync(page, "look-issue-builder");
    }

    [Fact]
    public async Task The_home_pages_first_screen_shows_the_latest_issue_search_and_the_three_ways_in()
    {
        var page = await browser.NewPageAsync(width: 1280, height: 800);
        await page.GotoAsync("/");

        foreach (var link in new[] { page.GetByRole(AriaRole.Link, new() { Name = "Read the whole issue" }), page.Locator("#home-search"),
                     page.Locator(".ways-in a[href='/policies']"), page.Locator(".ways-in a[href='/standards']"), page.Locator(".ways-in a[href='/working-groups']") })
        {
            var box = (await link.BoundingBoxAsync()).ShouldNotBeNull();
            (box.Y + box.Height).ShouldBeLessThanOrEqualTo(800, "on the first screen");
        }

        var takeaways = (await page.Locator("#takeaways").BoundingBoxAsync())!;
        var waysIn = (await page.Locator(".ways-in").BoundingBoxAsync())!;
        takeaways.Y.ShouldBeGreaterThan(waysIn.Y + waysIn.Height, "the takeaways come after the ways in");
    }
}
