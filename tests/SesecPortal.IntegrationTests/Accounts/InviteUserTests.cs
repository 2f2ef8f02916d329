using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.TestSupport;

namespace SesecPortal.IntegrationTests.Accounts;

/// <summary>An admin invites someone, who chooses their own password.</summary>
public sealed class InviteUserTests(IntegrationFixture fixture) : SelfServiceTest(fixture)
{
    [Fact]
    public async Task An_admin_invites_an_editor_who_chooses_their_own_password_and_reaches_the_editor()
    {
        using var admin = await SignedInAsync("chief@example.com", Roles.Admin);

        var invited = await PostFormAsync(admin, "/admin/users/invite", "/admin/users/invite",
            [new("Input.Email", "new-editor@example.com"), new("Input.DisplayName", "New Editor"), new("Input.Role", Roles.Editor)]);
        invited.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var mail = await Fixture.Mail.WaitForAsync("new-editor@example.com", "invites you to SesecPortal");
        mail.TextBody!.ShouldContain("as an editor");
        var link = MailLinks.Find(mail, "/account/activate");
        using var editor = Fixture.CreateSignedInCapableClient();
        (await editor.GetStringAsync(new Uri(link.PathAndQuery, UriKind.Relative), Ct)).ShouldContain("Accept your invitation");
        (await ActivateAsync(editor, link, Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await editor.GetAsync(new Uri("/editor", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AuditAsync("new-editor@example.com")).Select(a => (a.Action, a.UserName)).ShouldBe(
            [("invited", "chief@example.com"), ("accepted the invitation", "New Editor")]);
    }

    [Fact]
    public async Task An_invitation_link_works_only_once()
    {
        using var admin = await SignedInAsync("chief@example.com", Roles.Admin);
        await PostFormAsync(admin, "/admin/users/invite", "/admin/users/invite", [new("Input.Email", "guest@example.com"), new("Input.Role", Roles.Member)]);
        var link = MailLinks.Find(await Fixture.Mail.WaitForAsync("guest@example.com", "invites you"), "/account/activate");
        using var guest = Fixture.CreateSignedInCapableClient();
        await ActivateAsync(guest, link, Password);

        using var someoneElse = Fixture.CreateSignedInCapableClient();
        var reused = await someoneElse.GetAsync(new Uri(link.PathAndQuery, UriKind.Relative), Ct);

        reused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Inviting_an_address_that_has_an_account_is_refused_with_the_reason_and_keeps_the_form()
    {
        await Fixture.CreateUserAsync("taken@example.com", Password, Roles.Member);
        using var admin = await SignedInAsync("chief@example.com", Roles.Admin);

        var response = await PostFormAsync(admin, "/admin/users/invite", "/admin/users/invite",
            [new("Input.Email", "taken@example.com"), new("Input.DisplayName", "Kept"), new("Input.Role", Roles.Editor)]);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("taken@example.com already has an account.");
        html.ShouldContain("value=\"Kept\"");
    }

    [Fact]
    public async Task An_invitation_as_admin_is_refused()
    {
        using var admin = await SignedInAsync("chief@example.com", Roles.Admin);

        var response = await PostFormAsync(admin, "/admin/users/invite", "/admin/users/invite", [new("Input.Email", "boss2@example.com"), new("Input.Role", Roles.Admin)]);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Choose Editor or Member.");
    }

    [Fact]
    public async Task The_users_page_shows_who_has_not_followed_their_link_and_sends_a_new_invitation()
    {
        using var admin = await SignedInAsync("chief@example.com", Roles.Admin);
        await PostFormAsync(admin, "/admin/users/invite", "/admin/users/invite", [new("Input.Email", "slow@example.com"), new("Input.Role", Roles.Member)]);
        var first = MailLinks.Find(await Fixture.Mail.WaitForAsync("slow@example.com", "invites you"), "/account/activate");
        await using var scope = Fixture.CreateScope();
        var id = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync("slow@example.com"))!.Id;

        (await admin.GetStringAsync(new Uri("/admin/users", UriKind.Relative), Ct)).ShouldContain("link not followed yet");
        (await PostFormAsync(admin, "/admin/users", "/admin/users?handler=Resend", [new("id", id)])).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await Fixture.Mail.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == "slow@example.com"), count: 2);
        using var guest = Fixture.CreateSignedInCapableClient();
        (await guest.GetAsync(new Uri(first.PathAndQuery, UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "the earlier link stops working");
    }
}
