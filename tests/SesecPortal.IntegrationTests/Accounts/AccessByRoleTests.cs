using System.Net;
using SesecPortal.Application.Domain;

namespace SesecPortal.IntegrationTests.Accounts;

/// <summary>Which routes each role reaches, and forms without their antiforgery token.</summary>
public sealed class AccessByRoleTests(IntegrationFixture fixture) : AccountAccessTest(fixture)
{
    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_from_every_editing_route()
    {
        using var client = Fixture.CreateClient();
        foreach (var route in await ProtectedRoutesAsync())
        {
            var response = await client.GetAsync(new Uri(route, UriKind.Relative), Ct);

            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, route);
            response.Headers.Location!.ToString().ShouldContain("/account/sign-in?ReturnUrl=", Case.Insensitive, route);
        }
    }

    [Fact]
    public async Task Members_get_403_on_every_editing_route()
    {
        using var client = await SignedInAsync("member@example.com", Roles.Member);
        foreach (var route in await ProtectedRoutesAsync())
        {
            (await client.GetAsync(new Uri(route, UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, route);
        }
    }

    [Fact]
    public async Task Editors_get_into_editor_routes_but_not_admin_routes()
    {
        using var client = await SignedInAsync("editor@example.com", Roles.Editor);
        foreach (var route in await ProtectedRoutesAsync())
        {
            var expected = route.StartsWith("/admin", StringComparison.OrdinalIgnoreCase) ? HttpStatusCode.Forbidden : HttpStatusCode.OK;
            (await client.GetAsync(new Uri(route, UriKind.Relative), Ct)).StatusCode.ShouldBe(expected, route);
        }
    }

    [Fact]
    public async Task Admins_get_into_every_editing_route()
    {
        using var client = await SignedInAsync("admin@example.com", Roles.Admin);
        foreach (var route in await ProtectedRoutesAsync())
        {
            (await client.GetAsync(new Uri(route, UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK, route);
        }
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_from_every_member_route()
    {
        using var client = Fixture.CreateClient();
        foreach (var route in SignedInRoutes())
        {
            var response = await client.GetAsync(new Uri(route, UriKind.Relative), Ct);

            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, route);
            response.Headers.Location!.ToString().ShouldContain("/account/sign-in?ReturnUrl=", Case.Insensitive, route);
        }
    }

    [Theory]
    [InlineData(Roles.Member)]
    [InlineData(Roles.Editor)]
    [InlineData(Roles.Admin)]
    public async Task Every_role_gets_into_every_member_route(string role)
    {
        using var client = await SignedInAsync($"{role.ToLowerInvariant()}@example.com", role);
        foreach (var route in SignedInRoutes())
        {
            (await client.GetAsync(new Uri(route, UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK, route);
        }
    }

    [Theory]
    [InlineData("/account/sign-up")]
    [InlineData("/account/forgot-password")]
    [InlineData("/newsletter")]
    public async Task The_pages_for_joining_are_open_to_anonymous_visitors(string path)
    {
        using var client = Fixture.CreateClient();

        (await client.GetAsync(new Uri(path, UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/account/activate")]
    [InlineData("/account/confirm-email-change")]
    [InlineData("/newsletter/confirm")]
    [InlineData("/unsubscribe")]
    public async Task A_link_page_opened_without_its_token_says_the_link_does_not_work(string path)
    {
        using var client = Fixture.CreateClient();

        var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("role=\"alert\"");
    }

    [Theory]
    [InlineData("/account/sign-in")]
    [InlineData("/account/sign-out")]
    [InlineData("/account/forgot-password")]
    [InlineData("/admin/users/invite")]
    [InlineData("/account/sign-up")]
    [InlineData("/newsletter")]
    [InlineData("/account/manage/preferences")]
    [InlineData("/account/manage/password")]
    [InlineData("/account/manage/email")]
    [InlineData("/account/manage/data")]
    [InlineData("/account/manage/delete")]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused(string path)
    {
        using var client = await SignedInAsync("admin2@example.com", Roles.Admin);
        using var content = new FormUrlEncodedContent([new KeyValuePair<string, string>("Input.Email", "x@example.com")]);

        var response = await client.PostAsync(new Uri(path, UriKind.Relative), content, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
