using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SesecPortal.Application.Domain;

namespace SesecPortal.BrowserTests;

/// <summary>The admins' import page in real Chromium: upload a file, read the report, scanned by axe-core.</summary>
public sealed class OpenDataPagesTests(BrowserFixture browser)
{
    private const string Password = "Correct-Horse-42";

    private static async Task ExpectAccessible(IPage page, string name)
    {
        var result = await page.RunAxe();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, name + ".png"), FullPage = true });
        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        blocking.ShouldBeEmpty(string.Join("\n", blocking.Select(v => $"{v.Impact} {v.Id}: {v.Help} — {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}")));
    }

    [Fact]
    public async Task An_admin_uploads_an_interchange_file_and_reads_the_report_on_an_accessible_page()
    {
        await browser.CreateUserAsync("browser-import-admin@example.com", Password, Roles.Admin);
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("E-mail").FillAsync("browser-import-admin@example.com");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, new System.Text.RegularExpressions.Regex("^(?!.*/account/sign-in)"));

        await page.GotoAsync("/admin/import");
        await ExpectAccessible(page, "admin-import");
        var file = """{"type":"policy","id":"browser-p1","title":"A policy from the browser","slug":"a-policy-from-the-browser","authority":"MIIT","issued_on":"2022-01-05","sectors":["ict"]}""" + "\n{\"type\":\"policy\"\n";
        await page.GetByLabel("File (.jsonl)").SetInputFilesAsync(new FilePayload { Name = "policies.jsonl", MimeType = "application/x-ndjson", Buffer = System.Text.Encoding.UTF8.GetBytes(file) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, new System.Text.RegularExpressions.Regex("/admin/import/[0-9a-f-]{36}$"));

        // The import runs in the background; its page loads itself again until the report is there.
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("added 1 policy", new() { Timeout = 30_000 });
        (await page.Locator(".import-errors").InnerTextAsync()).ShouldContain("line 2");
        await ExpectAccessible(page, "admin-import-report");
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(375)]
    public async Task A_running_import_shows_its_progress_on_an_accessible_page_that_fits_the_screen(int width)
    {
        var email = $"browser-progress-{width}@example.com";
        await browser.CreateUserAsync(email, Password, Roles.Admin);
        Guid id;
        await using (var scope = browser.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SesecPortal.Application.Data.PortalDbContext>();
            var now = DateTimeOffset.UtcNow.AddHours(1);   // still running, however long the test takes
            var job = new ImportJob
            {
                Id = Guid.NewGuid(), FileName = "a-large-corpus-of-standards-and-policies.jsonl", Bytes = 40_000_000, BytesRead = 16_000_000, Lines = 48_210,
                State = ImportState.Running, QueuedBy = email, Instance = "elsewhere", QueuedAt = now, StartedAt = now, UpdatedAt = now,
            };
            db.ImportJobs.Add(job);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            id = job.Id;
        }

        var page = await browser.NewPageAsync(width: width);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, new System.Text.RegularExpressions.Regex("^(?!.*/account/sign-in)"));

        // The page reloads itself every two seconds (a Refresh header) while the import runs; held still here, so that
        // a reload cannot land in the middle of the accessibility scan.
        string? refresh = null;
        await page.RouteAsync("**/admin/import/*", async route =>
        {
            var response = await route.FetchAsync();
            var headers = response.Headers.Where(h => !h.Key.Equals("refresh", StringComparison.OrdinalIgnoreCase)).ToDictionary(h => h.Key, h => h.Value);
            refresh = response.Headers.TryGetValue("refresh", out var value) ? value : null;
            await route.FulfillAsync(new() { Response = response, Headers = headers });
        });
        await page.GotoAsync($"/admin/import/{id}");

        refresh.ShouldBe("2");

        (await page.GetByRole(AriaRole.Progressbar).GetAttributeAsync("value")).ShouldBe("40");
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("importing: 40% of 38.1 MB, 48,210 lines read.");
        await BrowserFixture.ExpectNoSidewaysScrollingAsync(page);
        await ExpectAccessible(page, $"admin-import-progress-{width}");
    }
}
