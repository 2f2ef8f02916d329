using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using SesecPortal.Application.Domain;

namespace SesecPortal.BrowserTests;

/// <summary>Signing in and the editor and admin pages in real Chromium, each scanned by axe-core.</summary>
public sealed class AccountPagesTests(BrowserFixture browser)
{
    private const string Password = "Correct-Horse-42";

    private async Task<IPage> SignedInPageAsync(string email, string role)
    {
        await browser.CreateUserAsync(email, Password, role);
        // The portal's pages have no script; Chromium driven with JavaScript switched off hangs on form POSTs under
        // Playwright, so POST journeys run with it on (the HTTP-level tests post the same forms without any).
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal));
        return page;
    }

    private static async Task ExpectAccessible(IPage page, string name)
    {
        var result = await page.RunAxe();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, name + ".png"), FullPage = true });
        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        blocking.ShouldBeEmpty(string.Join("\n", blocking.Select(v => $"{v.Impact} {v.Id}: {v.Help} — {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}")));
    }

    [Theory]
    [InlineData("sign-in", "/account/sign-in", "Sign in")]
    [InlineData("forgot-password", "/account/forgot-password", "Forgot your password?")]
    public async Task Account_pages_have_no_serious_or_critical_accessibility_violations(string name, string path, string heading)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(path);

        (await page.Locator("h1").InnerTextAsync()).ShouldBe(heading);
        await ExpectAccessible(page, name);
    }

    [Fact]
    public async Task A_failed_sign_in_shows_its_errors_accessibly()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("E-mail").FillAsync("nobody@example.com");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("wrong");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("not right");
        await ExpectAccessible(page, "sign-in-failed");
    }

    [Fact]
    public async Task An_editor_signs_in_reaches_the_editor_dashboard_and_signs_out()
    {
        var page = await SignedInPageAsync("browser-editor@example.com", Roles.Editor);

        await page.GetByRole(AriaRole.Link, new() { Name = "Editor" }).ClickAsync();
        await page.WaitForURLAsync("**/editor");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("Articles by workflow state");
        await ExpectAccessible(page, "editor-dashboard");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        (await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task An_admin_manages_users_on_accessible_pages()
    {
        var page = await SignedInPageAsync("browser-admin@example.com", Roles.Admin);

        await page.GotoAsync("/admin/users");
        await ExpectAccessible(page, "admin-users");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a user" }).ClickAsync();
        await ExpectAccessible(page, "admin-user-new");
        await page.GetByLabel("E-mail").FillAsync("added-in-browser@example.com");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByLabel("Editor").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the user" }).ClickAsync();

        await page.WaitForURLAsync("**/admin/users");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("added-in-browser@example.com");
        await page.GetByRole(AriaRole.Link, new() { Name = "Change roles of added-in-browser@example.com" }).ClickAsync();
        await ExpectAccessible(page, "admin-user-roles");
    }

    [Fact]
    public async Task A_member_is_told_access_is_denied()
    {
        var page = await SignedInPageAsync("browser-member@example.com", Roles.Member);

        var response = await page.GotoAsync("/editor");

        response!.Status.ShouldBe(403);
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Access denied");
        await ExpectAccessible(page, "access-denied");
    }
}
