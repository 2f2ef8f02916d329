using Microsoft.Playwright;
using SesecPortal.Application.Domain;

namespace SesecPortal.BrowserTests;

/// <summary>A member's watchlist in real Chromium: follow from the pages, "My watchlist", a private feed address; axe-core scans.</summary>
public sealed class WatchlistPagesTests(BrowserFixture browser) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>Watchlists are data: the next test starts from the seed alone.</summary>
    public async ValueTask DisposeAsync() => await browser.RestoreSeedAsync();

    [Fact]
    public async Task A_member_follows_a_sector_and_a_standard_and_gets_a_private_feed_address()
    {
        var page = await browser.SignedInPageAsync("browser-watcher@example.com", Roles.Member);

        await page.GotoAsync("/sectors/carbon");
        await page.GetByRole(AriaRole.Button, new() { Name = "Follow this sector" }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, "**/sectors/carbon");
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("You follow Carbon emission");
        await BrowserFixture.ExpectAccessibleAsync(page, "sector-followed");

        await page.GotoAsync("/standards/gb-55015-2021");
        await BrowserFixture.ExpectAccessibleAsync(page, "standard-follow-button");
        await page.GetByRole(AriaRole.Button, new() { Name = "Follow this standard" }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, "**/standards/gb-55015-2021");
        (await page.GetByRole(AriaRole.Button, new() { Name = "Unfollow" }).CountAsync()).ShouldBe(1);

        await page.GetByRole(AriaRole.Link, new() { Name = "My watchlist" }).First.ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, "**/watchlist");
        var following = page.Locator("#following + ul");
        (await following.InnerTextAsync()).ShouldContain("Carbon emission");
        (await following.InnerTextAsync()).ShouldContain("GB 55015-2021");
        await BrowserFixture.ExpectAccessibleAsync(page, "watchlist");

        await page.GetByRole(AriaRole.Button, new() { Name = "Get a private feed address" }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, "**/watchlist");
        var address = await page.GetByLabel("Your private feed address (shown only this once)").InputValueAsync();
        address.ShouldContain("/watchlist/feed/");
        await BrowserFixture.ExpectAccessibleAsync(page, "watchlist-feed-address");

        var feed = await page.APIRequest.GetAsync(address);
        feed.Status.ShouldBe(200);
        (await feed.TextAsync()).ShouldContain("SesecPortal: my watchlist");

        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke the feed address" }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, "**/watchlist");
        (await page.APIRequest.GetAsync(address)).Status.ShouldBe(404);
    }

    [Fact]
    public async Task An_anonymous_reader_is_offered_to_sign_in_to_follow()
    {
        var page = await browser.NewPageAsync(javaScript: false);

        await page.GotoAsync("/organisations/miit");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in to follow this organisation" }).ClickAsync();

        await BrowserFixture.WaitForPageAsync(page, new System.Text.RegularExpressions.Regex("/account/sign-in\\?returnUrl=%2Forganisations%2Fmiit", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
    }
}
