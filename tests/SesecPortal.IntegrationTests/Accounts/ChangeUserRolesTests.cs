using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.IntegrationTests.Accounts;

/// <summary>Admins change roles; nobody chooses a password for someone else or raises their own role.</summary>
public sealed class ChangeUserRolesTests(IntegrationFixture fixture) : AccountAccessTest(fixture)
{
    [Fact]
    public async Task No_page_lets_an_admin_choose_a_password_for_someone_else()
    {
        var routes = Fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).ToList();
        using var client = await SignedInAsync("boss@example.com", Roles.Admin);

        routes.ShouldNotContain("/admin/users/new");
        var (_, invite) = await GetWithAsync(client, "/admin/users/invite");
        invite.ShouldNotContain("type=\"password\"");
    }

    [Fact]
    public async Task A_member_cannot_make_themselves_admin_by_posting_extra_fields()
    {
        using var client = await SignedInAsync("climber@example.com", Roles.Member);
        await using var scope = Fixture.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var me = await users.FindByEmailAsync("climber@example.com");
        var token = await AntiforgeryTokenAsync(client, "/account/sign-out");

        using var content = new FormUrlEncodedContent([new("Roles", Roles.Admin), new("__RequestVerificationToken", token)]);
        var response = await client.PostAsync(new Uri($"/admin/users/{me!.Id}/roles", UriKind.Relative), content, Ct);
        using var signInForm = new FormUrlEncodedContent([new("Input.Email", "climber@example.com"), new("Input.Password", Password), new("Roles", Roles.Admin), new("Input.Roles", Roles.Admin), new("__RequestVerificationToken", await AntiforgeryTokenAsync(client, "/account/sign-in"))]);
        await client.PostAsync(new Uri("/account/sign-in", UriKind.Relative), signInForm, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await using var check = Fixture.CreateScope();
        var roles = await check.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().GetRolesAsync((await check.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync("climber@example.com"))!);
        roles.ShouldBe([Roles.Member]);
    }

    [Fact]
    public async Task An_admin_cannot_remove_their_own_admin_role()
    {
        using var client = await SignedInAsync("only-admin@example.com", Roles.Admin);
        await using var scope = Fixture.CreateScope();
        var me = await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync("only-admin@example.com");

        var response = await PostFormAsync(client, $"/admin/users/{me!.Id}/roles", $"/admin/users/{me.Id}/roles", [new("Roles", Roles.Editor)]);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("You cannot remove your own Admin role");
    }

    [Fact]
    public async Task An_admin_changes_another_users_roles()
    {
        var id = await Fixture.CreateUserAsync("promoted@example.com", Password, Roles.Member);
        using var client = await SignedInAsync("chief@example.com", Roles.Admin);

        var response = await PostFormAsync(client, $"/admin/users/{id}/roles", $"/admin/users/{id}/roles", [new("Roles", Roles.Member), new("Roles", Roles.Editor)]);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using var scope = Fixture.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        (await users.GetRolesAsync((await users.FindByIdAsync(id))!)).ShouldBe([Roles.Member, Roles.Editor], ignoreOrder: true);
    }
}
