using Microsoft.Playwright;

namespace SesecPortal.BrowserTests;

/// <summary>The policy and article lists in real Chromium: axe-core at 1280 and 375 px, no sideways scrolling, and the way there and back.</summary>
public sealed class ListPagesTests(BrowserFixture browser)
{
    [Theory]
    // Other browser tests share the database and may add policies: the count is checked by the page tests, not here.
    [InlineData("policies", "/policies", "policies")]
    [InlineData("policies-filtered", "/policies?sector=cybersecurity&status=DraftForComments&sort=title", "4 policies")]
    [InlineData("articles", "/articles", "articles")]
    [InlineData("articles-filtered", "/articles?sector=carbon&sort=oldest", "articles")]
    [InlineData("articles-bad-input", "/articles?year=soon&page=x", "that filter was ignored")]
    public async Task List_pages_have_no_serious_or_critical_violations_and_fit_a_phone(string name, string path, string expected)
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync(path);

        (await page.Locator("main").InnerTextAsync()).ShouldContain(expected);
        await BrowserFixture.ExpectAccessibleAtBothWidthsAsync(page, name);
    }

    [Fact]
    public async Task A_reader_goes_from_the_menu_to_a_filtered_list_a_policy_and_back()
    {
        var page = await browser.NewPageAsync(javaScript: false);
        await page.GotoAsync("/");

        await page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Policies" }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, "**/policies");
        await page.Locator("#facet-kind + ul").GetByRole(AriaRole.Link, new() { Name = "Law" }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, "**/policies?kind=Law");
        (await page.Locator("#results-heading").InnerTextAsync()).ShouldBe("3 policies");

        await page.GetByRole(AriaRole.Link, new() { Name = "Cybersecurity Law", Exact = false }).First.ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, "**/policies/*");
        await page.Locator("nav.breadcrumb").GetByRole(AriaRole.Link, new() { Name = "Policies" }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, "**/policies");
    }
}
