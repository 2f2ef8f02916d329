using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using SesecPortal.Application.Domain;

namespace SesecPortal.BrowserTests;

/// <summary>Signing in and the editor and admin pages in real Chromium, each scanned by axe-core.</summary>
public sealed class AccountPagesTests(BrowserFixture browser)
{



    [Theory]
    [InlineData("sign-in", "/account/sign-in", "Sign in")]
    [InlineData("forgot-password", "/account/forgot-password", "Forgot your password?")]
    public async Task Account_pages_have_no_serious_or_critical_accessibility_violations(string name, string path, string heading)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(path);

        (await page.Locator("h1").InnerTextAsync()).ShouldBe(heading);
        await BrowserFixture.ExpectAccessibleAsync(page, name);
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
        await BrowserFixture.ExpectAccessibleAsync(page, "sign-in-failed");
    }

    [Fact]
    public async Task An_editor_signs_in_reaches_the_editor_dashboard_and_signs_out()
    {
        var page = await browser.SignedInPageAsync("browser-editor@example.com", Roles.Editor);

        await page.GetByRole(AriaRole.Link, new() { Name = "Editor" }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, "**/editor");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("Waiting for review");
        await BrowserFixture.ExpectAccessibleAsync(page, "editor-dashboard");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task An_admin_manages_users_on_accessible_pages()
    {
        var page = await browser.SignedInPageAsync("browser-admin@example.com", Roles.Admin);

        await page.GotoAsync("/admin/users");
        await BrowserFixture.ExpectAccessibleAsync(page, "admin-users");
        await page.GetByRole(AriaRole.Link, new() { Name = "Invite someone" }).ClickAsync();
        await BrowserFixture.ExpectAccessibleAtBothWidthsAsync(page, "admin-user-invite");
        await page.GetByLabel("E-mail").FillAsync("added-in-browser@example.com");
        await page.GetByLabel("Editor").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the invitation" }).ClickAsync();

        await BrowserFixture.WaitForPageAsync(page, "**/admin/users");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("added-in-browser@example.com");
        await page.GetByRole(AriaRole.Link, new() { Name = "Change roles of added-in-browser@example.com" }).ClickAsync();
        await BrowserFixture.ExpectAccessibleAsync(page, "admin-user-roles");
    }

    [Fact]
    public async Task A_member_is_told_access_is_denied()
    {
        var page = await browser.SignedInPageAsync("browser-member@example.com", Roles.Member);

        var response = await page.GotoAsync("/editor");

        response!.Status.ShouldBe(403);
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Access denied");
        await BrowserFixture.ExpectAccessibleAsync(page, "access-denied");
    }
}
