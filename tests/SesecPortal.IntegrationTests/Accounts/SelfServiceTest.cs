using System.Web;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;
using SesecPortal.TestSupport;

namespace SesecPortal.IntegrationTests.Accounts;

/// <summary>
/// Members who join by themselves and manage their account: sign-up with a confirmation link, invitations, password and
/// address changes, preferences, their data, deletion; every mail received on the test SMTP server and its links followed.
/// </summary>
public abstract class SelfServiceTest(IntegrationFixture fixture) : PortalTest(fixture)
{
    protected const string Password = "Correct-Horse-42";
    protected const string NewPassword = "Brand-New-Pass-7";

    protected static async Task<HttpResponseMessage> SignUpAsync(HttpClient client, string email, string? name = null, string? website = null)
    {
        var html = await client.GetStringAsync(new Uri("/account/sign-up", UriKind.Relative), Ct);
        var stamp = System.Text.RegularExpressions.Regex.Match(html, "name=\"FormStamp\" value=\"([^\"]*)\"").Groups[1].Value;
        return await PostFormAsync(client, "/account/sign-up", "/account/sign-up",
            [new("Input.Email", email), new("Input.DisplayName", name ?? ""), new("Website", website ?? ""), new("FormStamp", stamp)]);
    }

    protected async Task<Uri> ActivationLinkAsync(string email, string subject = "Confirm your address")
    {
        var mail = await Fixture.Mail.WaitForAsync(email, subject);
        return MailLinks.Find(mail, "/account/activate");
    }

    protected static async Task<HttpResponseMessage> ActivateAsync(HttpClient client, Uri link, string password, string? again = null)
    {
        var query = HttpUtility.ParseQueryString(link.Query);
        return await PostFormAsync(client, link.PathAndQuery, link.PathAndQuery,
            [new("user", query["user"]!), new("Code", query["code"]!), new("Password", password), new("ConfirmPassword", again ?? password)]);
    }

    protected static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        await PostFormAsync(client, "/account/sign-in", "/account/sign-in", [new("Input.Email", email), new("Input.Password", password)]);

    protected async Task<List<AuditEntry>> AuditAsync(string? subjectEmail = null)
    {
        await using var db = Fixture.Database.CreateDbContext();
        return await db.AuditEntries.AsNoTracking().Where(a => a.ItemKind == ItemKind.User && (subjectEmail == null || a.ItemTitle == subjectEmail))
            .OrderBy(a => a.Id).ToListAsync(Ct);
    }
}
