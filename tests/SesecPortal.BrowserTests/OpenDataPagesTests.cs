using Deque.AxeCore.Playwright;
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
        await BrowserFixture.WaitForPageAsync(page, "**/admin/import");

        (await page.GetByRole(AriaRole.Status).First.InnerTextAsync()).ShouldContain("added 1 policy");
        (await page.Locator(".import-errors").InnerTextAsync()).ShouldContain("line 2");
        await ExpectAccessible(page, "admin-import-report");
    }
}
