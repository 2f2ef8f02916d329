using System.Net;
using System.Web;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;
using SesecPortal.TestSupport;

namespace SesecPortal.IntegrationTests.Accounts;

/// <summary>A member changes their password and their address.</summary>
public sealed class ManageAccountTests(IntegrationFixture fixture) : SelfServiceTest(fixture)
{
    [Fact]
    public async Task A_member_changes_their_password_with_the_current_one_and_is_told_by_mail()
    {
        using var client = await SignedInAsync("changer@example.com", Roles.Member);

        var wrong = await PostFormAsync(client, "/account/manage/password", "/account/manage/password",
            [new("Input.CurrentPassword", "not-it"), new("Input.NewPassword", NewPassword), new("Input.ConfirmPassword", NewPassword)]);
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrong.Content.ReadAsStringAsync(Ct)).ShouldContain("That is not your current password.");
        var changed = await PostFormAsync(client, "/account/manage/password", "/account/manage/password",
            [new("Input.CurrentPassword", Password), new("Input.NewPassword", NewPassword), new("Input.ConfirmPassword", NewPassword)]);

        changed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetAsync(new Uri("/account/manage", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK, "still signed in");
        await Fixture.Mail.WaitForAsync("changer@example.com", "Your SesecPortal password was changed");
        using var other = Fixture.CreateSignedInCapableClient();
        (await SignInAsync(other, "changer@example.com", NewPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_weak_new_password_is_refused_with_the_reason()
    {
        using var client = await SignedInAsync("changer@example.com", Roles.Member);

        var response = await PostFormAsync(client, "/account/manage/password", "/account/manage/password",
            [new("Input.CurrentPassword", Password), new("Input.NewPassword", "alllowercase123"), new("Input.ConfirmPassword", "alllowercase123")]);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("uppercase");
        html.ShouldContain("value=\"alllowercase123\"");
    }

    [Fact]
    public async Task A_new_address_is_used_only_once_the_link_sent_to_it_is_followed()
    {
        using var client = await SignedInAsync("old@example.com", Roles.Member);

        var asked = await PostFormAsync(client, "/account/manage/email", "/account/manage/email", [new("Input.NewEmail", "new@example.com"), new("Input.Password", Password)]);
        (await asked.Content.ReadAsStringAsync(Ct)).ShouldContain("We have sent a link to new@example.com");
        using (var before = Fixture.CreateSignedInCapableClient())
        {
            (await SignInAsync(before, "old@example.com", Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect, "the old address still works");
        }

        var link = MailLinks.Find(await Fixture.Mail.WaitForAsync("new@example.com", "Confirm your new SesecPortal address"), "/account/confirm-email-change");
        var query = HttpUtility.ParseQueryString(link.Query);
        var confirmed = await PostFormAsync(client, link.PathAndQuery, link.PathAndQuery, [new("user", query["user"]!), new("Email", query["email"]!), new("Code", query["code"]!)]);

        confirmed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetStringAsync(new Uri("/account/manage", UriKind.Relative), Ct)).ShouldContain("Your address is now new@example.com.");
        await Fixture.Mail.WaitForAsync("old@example.com", "Your SesecPortal address was changed");
        using var after = Fixture.CreateSignedInCapableClient();
        (await SignInAsync(after, "new@example.com", Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Asking_for_an_address_someone_else_uses_answers_the_same_and_sends_nothing()
    {
        await Fixture.CreateUserAsync("other@example.com", Password, Roles.Member);
        using var client = await SignedInAsync("me@example.com", Roles.Member);

        var response = await PostFormAsync(client, "/account/manage/email", "/account/manage/email", [new("Input.NewEmail", "other@example.com"), new("Input.Password", Password)]);

        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("We have sent a link to other@example.com");
        await using var db = Fixture.Database.CreateDbContext();
        (await db.OutboxMessages.AnyAsync(m => m.Recipient == "other@example.com" && m.Kind == MailKind.EmailChange, Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_bad_new_address_is_refused_and_kept()
    {
        using var client = await SignedInAsync("me@example.com", Roles.Member);

        var response = await PostFormAsync(client, "/account/manage/email", "/account/manage/email", [new("Input.NewEmail", "me@"), new("Input.Password", Password)]);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("Enter an e-mail address like name@example.com.");
        html.ShouldContain("value=\"me@\"");
    }

    [Fact]
    public async Task A_tampered_change_of_address_link_is_refused()
    {
        var id = await Fixture.CreateUserAsync("me@example.com", Password, Roles.Member);
        using var client = Fixture.CreateSignedInCapableClient();
        var path = $"/account/confirm-email-change?user={id}&email=thief%40example.com&code=Zm9yZ2Vk";

        var response = await PostFormAsync(client, path, path, [new("user", id), new("Email", "thief@example.com"), new("Code", "Zm9yZ2Vk")]);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("This link has expired or has already been used.");
    }
}
