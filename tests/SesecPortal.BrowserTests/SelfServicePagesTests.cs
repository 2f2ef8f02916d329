using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Mail;
using SesecPortal.TestSupport;

namespace SesecPortal.BrowserTests;

/// <summary>
/// Joining, invitations, my account, preferences and unsubscribing in real Chromium, with the mail read from the test
/// SMTP server and its links followed; every page scanned by axe-core at 1280 and 375 px, bad input on each form.
/// </summary>
public sealed class SelfServicePagesTests(BrowserFixture browser)
{
    private const string Password = "Correct-Horse-42";

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)] + "@example.com";

    [Fact]
    public async Task A_visitor_joins_confirms_the_address_chooses_a_password_and_lands_in_my_account()
    {
        var email = Unique("joiner");
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Join" }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, "**/account/sign-up");
        await BrowserFixture.ExpectAccessibleAtBothWidthsAsync(page, "sign-up");

        await page.GetByLabel("E-mail").FillAsync("joiner@");
        await page.GetByLabel("Your name or company (optional)").FillAsync("Joiner GmbH");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me the confirmation link" }).ClickAsync();
        await Assertions.Expect(page.Locator("#email-error")).ToHaveTextAsync("Enter an e-mail address like name@example.com.");
        (await page.GetByLabel("Your name or company (optional)").InputValueAsync()).ShouldBe("Joiner GmbH");
        (await page.GetByLabel("E-mail").InputValueAsync()).ShouldBe("joiner@");
        await BrowserFixture.ExpectAccessibleAtBothWidthsAsync(page, "sign-up-bad-address");

        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me the confirmation link" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Check your inbox.");
        await BrowserFixture.ExpectAccessibleAtBothWidthsAsync(page, "sign-up-sent");

        var link = MailLinks.Find(await browser.Mail.WaitForAsync(email, "Confirm your address"), "/account/activate");
        await page.GotoAsync(link.ToString());
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Confirm your address");
        await BrowserFixture.ExpectAccessibleAtBothWidthsAsync(page, "confirm-address");

        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("alllowercase123");
        await page.GetByLabel("Password again").FillAsync("alllowercase123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm and choose this password" }).ClickAsync();
        await Assertions.Expect(page.Locator("#password-error")).ToContainTextAsync("uppercase");
        (await page.GetByLabel("Password", new() { Exact = true }).InputValueAsync()).ShouldBe("alllowercase123");
        await BrowserFixture.ExpectAccessibleAtBothWidthsAsync(page, "confirm-address-weak-password");

        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Password again").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm and choose this password" }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, "**/account/manage");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your address is confirmed");
        await BrowserFixture.ExpectAccessibleAtBothWidthsAsync(page, "my-account");
    }

    [Fact]
    public async Task A_used_or_tampered_confirmation_link_says_so_accessibly()
    {
        var page = await browser.NewPageAsync();

        var response = await page.GotoAsync("/account/activate?user=nobody&code=tampered");

        response!.Status.ShouldBe(400);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This link has expired or has already been used.");
        await BrowserFixture.ExpectAccessibleAtBothWidthsAsync(page, "confirm-address-bad-link");
    }

    [Fact]
    public async Task An_invited_member_accepts_the_invitation_on_accessible_pages()
    {
        var email = Unique("invitee");
        var admin = await browser.SignedInPageAsync(Unique("admin"), Roles.Admin);
        await admin.GotoAsync("/admin/users/invite");
        await admin.GetByLabel("E-mail").FillAsync("not an address");
        await admin.GetByLabel("Name (optional)").FillAsync("Invited Person");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Send the invitation" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#email-error")).ToHaveTextAsync("Enter an e-mail address like name@example.com.");
        (await admin.GetByLabel("Name (optional)").InputValueAsync()).ShouldBe("Invited Person");
        await admin.GetByLabel("E-mail").FillAsync(email);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Send the invitation" }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(admin, "**/admin/users");
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync($"Invitation sent to {email}");

        var link = MailLinks.Find(await browser.Mail.WaitForAsync(email, "invites you to SesecPortal"), "/account/activate");
        var page = await browser.NewPageAsync();
        await page.GotoAsync(link.ToString());
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Accept your invitation");
        await BrowserFixture.ExpectAccessibleAtBothWidthsAsync(page, "accept-invitation");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Password again").FillAsync(Password + "!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept and choose this password" }).ClickAsync();
        await Assertions.Expect(page.Locator("#confirm-error")).ToHaveTextAsync("The two passwords are not the same.");
        await page.GetByLabel("Password again").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept and choose this password" }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, "**/account/manage");

        var again = await browser.NewPageAsync();
        (await again.GotoAsync(link.ToString()))!.Status.ShouldBe(400, "an invitation works once");
    }

    [Theory]
    [InlineData("/account/manage", "My account", "my-account-overview")]
    [InlineData("/account/manage/preferences", "E-mail preferences", "my-account-preferences")]
    [InlineData("/account/manage/password", "Change your password", "my-account-password")]
    [InlineData("/account/manage/email", "Change your e-mail address", "my-account-email")]
    [InlineData("/account/manage/data", "My data", "my-account-data")]
    [InlineData("/account/manage/delete", "Delete my account", "my-account-delete")]
    public async Task My_account_pages_are_accessible_on_a_desk_and_a_phone(string path, string heading, string name)
    {
        var page = await browser.SignedInPageAsync(Unique("member"), Roles.Member);

        await page.GotoAsync(path);

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(heading);
        await BrowserFixture.ExpectAccessibleAtBothWidthsAsync(page, name);
    }

    [Fact]
    public async Task A_member_chooses_daily_alerts_and_the_newsletter_and_sees_them_saved()
    {
        var page = await browser.SignedInPageAsync(Unique("prefs"), Roles.Member);
        await page.GotoAsync("/account/manage/preferences");
        (await page.GetByLabel("Weekly, one e-mail on Mondays at most").IsCheckedAsync()).ShouldBeTrue("weekly is the default");

        await page.GetByLabel("Daily, one e-mail a day at most").CheckAsync();
        await page.GetByLabel("Send me each issue of the SESEC China Standardisation Newsletter (every two months)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save preferences" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your e-mail preferences are saved.");
        (await page.GetByLabel("Daily, one e-mail a day at most").IsCheckedAsync()).ShouldBeTrue();
        (await page.GetByLabel("Send me each issue of the SESEC China Standardisation Newsletter (every two months)").IsCheckedAsync()).ShouldBeTrue();
        await BrowserFixture.ExpectAccessibleAtBothWidthsAsync(page, "my-account-preferences-saved");
    }

    [Fact]
    public async Task A_wrong_current_password_is_refused_and_the_new_one_kept()
    {
        var page = await browser.SignedInPageAsync(Unique("changer"), Roles.Member);
        await page.GotoAsync("/account/manage/password");

        await page.GetByLabel("Current password").FillAsync("not-my-password");
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("Brand-New-Pass-7");
        await page.GetByLabel("New password again").FillAsync("Brand-New-Pass-7");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change my password" }).ClickAsync();

        await Assertions.Expect(page.Locator("#current-error")).ToHaveTextAsync("That is not your current password.");
        (await page.GetByLabel("New password", new() { Exact = true }).InputValueAsync()).ShouldBe("Brand-New-Pass-7");
        await BrowserFixture.ExpectAccessibleAtBothWidthsAsync(page, "my-account-password-wrong");
    }

    [Fact]
    public async Task Unsubscribing_from_alerts_asks_once_and_confirms_accessibly()
    {
        var email = Unique("unsub");
        var userId = await browser.CreateUserAsync(email, Password, Roles.Member);
        int watchlistId;
        await using (var db = browser.Database.CreateDbContext())
        {
            var watchlist = new Watchlist { UserId = userId, CreatedAt = DateTimeOffset.UtcNow, Alerts = AlertFrequency.Daily };
            db.Watchlists.Add(watchlist);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            watchlistId = watchlist.Id;
        }

        string token;
        await using (var scope = browser.CreateScope())
        {
            token = scope.ServiceProvider.GetRequiredService<UnsubscribeTokens>().Create(UnsubscribeTokens.Alerts(watchlistId));
        }

        var page = await browser.NewPageAsync();
        await page.GotoAsync(new SesecPortal.Web.Infrastructure.PortalAddresses().Unsubscribe(token));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Stop receiving watchlist alerts by e-mail?");
        await BrowserFixture.ExpectAccessibleAtBothWidthsAsync(page, "unsubscribe");
        await page.GetByRole(AriaRole.Button, new() { Name = "Unsubscribe" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Done: you no longer receive watchlist alerts by e-mail.");
        await BrowserFixture.ExpectAccessibleAtBothWidthsAsync(page, "unsubscribe-done");
    }

    [Fact]
    public async Task A_damaged_unsubscribe_link_says_so_accessibly()
    {
        var page = await browser.NewPageAsync();

        var response = await page.GotoAsync("/unsubscribe?token=CfDJ8-cut-short");

        response!.Status.ShouldBe(400);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This unsubscribe link is not valid");
        await BrowserFixture.ExpectAccessibleAtBothWidthsAsync(page, "unsubscribe-bad-link");
    }

    [Fact]
    public async Task A_reader_subscribes_to_the_newsletter_on_an_accessible_page()
    {
        var email = Unique("reader");
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Get the newsletter by e-mail" }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, "**/newsletter");
        await BrowserFixture.ExpectAccessibleAtBothWidthsAsync(page, "newsletter");

        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Check your inbox");

        var link = MailLinks.Find(await browser.Mail.WaitForAsync(email, "Confirm your subscription"), "/newsletter/confirm");
        await page.GotoAsync(link.ToString());
        await BrowserFixture.ExpectAccessibleAtBothWidthsAsync(page, "newsletter-confirm");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, send me the newsletter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{email} will receive the next issue");
    }

    [Fact]
    public async Task Sign_in_offers_joining_and_a_member_reaches_my_account_from_the_menu()
    {
        var page = await browser.SignedInPageAsync(Unique("menu"), Roles.Member);

        await page.GetByRole(AriaRole.Link, new() { Name = "My account" }).ClickAsync();

        await BrowserFixture.WaitForPageAsync(page, new Regex("/account/manage$"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("My account");
    }
}
