using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;
using SesecPortal.TestSupport;

namespace SesecPortal.BrowserTests;

/// <summary>Issue 13: the page readers see while the database does not answer, in real Chromium, at a desk and on a phone.</summary>
public sealed class UnavailablePageTests(BrowserFixture browser)
{
    /// <summary>A loopback port where nothing listens: the portal's database refuses every connection.</summary>
    private static int DeadPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(375)]
    public async Task The_briefly_unavailable_page_keeps_the_search_and_is_accessible(int width)
    {
        await using var portal = new PortalFactory($"Host=127.0.0.1;Port={DeadPort()};Database=nowhere;Username=nobody;Timeout=2", kestrel: true);
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = portal.ServerAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
        });
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/search?q=carbon+peak");

        response!.Status.ShouldBe(503);
        (await response.HeaderValueAsync("retry-after")).ShouldBe("5");
        (await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).ShouldBe("The portal is briefly unavailable");
        (await page.GetByLabel("Your search, kept").InputValueAsync()).ShouldBe("carbon peak");
        (await page.GetByRole(AriaRole.Link, new() { Name = "Try again" }).GetAttributeAsync("href")).ShouldBe("/search?q=carbon+peak");
        await BrowserFixture.ExpectNoSidewaysScrollingAsync(page);
        await BrowserFixture.ExpectAccessibleAsync(page, $"unavailable-{width}");
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(375)]
    public async Task The_page_shown_while_search_is_being_prepared_keeps_the_search_and_is_accessible(int width)
    {
        // A new instance's first build of its index reads the articles; a transaction holding them locked keeps it from finishing.
        await using var hold = new Npgsql.NpgsqlConnection(browser.Database.ConnectionString);
        var ct = TestContext.Current.CancellationToken;
        await hold.OpenAsync(ct);
        await using var locked = await hold.BeginTransactionAsync(ct);
        await using (var command = new Npgsql.NpgsqlCommand("LOCK TABLE articles IN ACCESS EXCLUSIVE MODE", hold, locked))
        {
            await command.ExecuteNonQueryAsync(ct);
        }

        var index = Path.Combine(Path.GetTempPath(), "sesecportal-tests", "search", $"preparing-{Guid.NewGuid():N}");
        await using var portal = new PortalFactory(browser.Database.ConnectionString, kestrel: true, settings: new Dictionary<string, string> { ["Search:IndexPath"] = index });
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = portal.ServerAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
        });
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/search?q=carbon+peak");

        response!.Status.ShouldBe(503);
        (await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).ShouldBe("Search is being prepared");
        (await page.GetByLabel("Your search, kept").InputValueAsync()).ShouldBe("carbon peak");
        await BrowserFixture.ExpectNoSidewaysScrollingAsync(page);
        await BrowserFixture.ExpectAccessibleAsync(page, $"search-preparing-{width}");
        await locked.RollbackAsync(ct);
    }
}
