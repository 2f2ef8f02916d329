using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;

namespace SesecPortal.IntegrationTests.Accounts;

/// <summary>A member downloads their data and deletes their account.</summary>
public sealed class MyDataTests(IntegrationFixture fixture) : SelfServiceTest(fixture)
{
    [Fact]
    public async Task Downloading_my_data_gives_the_account_the_watchlist_and_the_preferences_as_json()
    {
        using var client = await SignedInAsync("data@example.com", Roles.Member);
        await client.GetAsync(new Uri("/watchlist", UriKind.Relative), Ct);
        await PostFormAsync(client, "/sectors/ict", "/watchlist?handler=Follow", [new("input.Kind", "Sector"), new("input.ItemId", await SectorIdAsync("ict")), new("returnUrl", "/sectors/ict")]);

        var response = await PostFormAsync(client, "/account/manage/data", "/account/manage/data", []);

        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe("sesecportal-my-data.json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        json.RootElement.GetProperty("account").GetProperty("email").GetString().ShouldBe("data@example.com");
        json.RootElement.GetProperty("watchlist").GetProperty("following")[0].GetProperty("name").GetString().ShouldBe("ICT");
        json.RootElement.GetProperty("preferences").GetProperty("watchlistAlerts").GetString().ShouldBe("Weekly");
    }

    private async Task<string> SectorIdAsync(string slug)
    {
        await using var db = Fixture.Database.CreateDbContext();
        return (await db.Sectors.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync(Ct)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Deleting_the_account_erases_the_personal_data_and_the_audit_keeps_deleted_account()
    {
        using var client = await SignedInAsync("leaver@example.com", Roles.Member);
        await PostFormAsync(client, "/account/manage/preferences", "/account/manage/preferences", [new("Input.Alerts", "Daily"), new("Input.Newsletter", "true")]);
        await client.GetAsync(new Uri("/watchlist", UriKind.Relative), Ct);

        var wrong = await PostFormAsync(client, "/account/manage/delete", "/account/manage/delete", [new("Password", "not-it")]);
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrong.Content.ReadAsStringAsync(Ct)).ShouldContain("That is not your password.");
        var deleted = await PostFormAsync(client, "/account/manage/delete", "/account/manage/delete", [new("Password", Password)]);

        deleted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using var db = Fixture.Database.CreateDbContext();
        (await db.Users.AnyAsync(u => u.Email == "leaver@example.com", Ct)).ShouldBeFalse();
        (await db.NewsletterSubscriptions.AnyAsync(s => s.Email == "leaver@example.com", Ct)).ShouldBeFalse();
        (await db.OutboxMessages.AnyAsync(m => m.Recipient == "leaver@example.com", Ct)).ShouldBeFalse();
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.ItemKind == ItemKind.User).ToListAsync(Ct);
        entries.ShouldNotContain(a => a.ItemTitle == "leaver@example.com" || a.UserName == "leaver@example.com" || (a.Detail ?? "").Contains("leaver@", StringComparison.Ordinal));
        entries.ShouldContain(a => a.Action == "deleted the account" && a.UserName == "deleted account");
        entries.ShouldContain(a => a.Action == "changed e-mail preferences" && a.UserName == "deleted account" && a.ItemTitle == "deleted account");
        (await db.Watchlists.CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task The_only_admin_cannot_delete_their_account()
    {
        using var client = await SignedInAsync("solo-admin@example.com", Roles.Admin);

        var response = await PostFormAsync(client, "/account/manage/delete", "/account/manage/delete", [new("Password", Password)]);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("You are the only admin");
    }
}
