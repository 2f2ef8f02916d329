using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Accounts;
using SesecPortal.TestSupport;

namespace SesecPortal.IntegrationTests;

/// <summary>Accounts and roles: who may enter which route, signing in and out, lockout, rate limit, password reset.</summary>
public sealed partial class AccountTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    private const string Password = "Correct-Horse-42";

    /// <summary>Every /editor and /admin route the portal serves, with a real id where the route needs one.</summary>
    private async Task<List<string>> ProtectedRoutesAsync()
    {
        var someUserId = await Fixture.CreateUserAsync("someone@example.com", Password, Roles.Member);
        var sources = Fixture.Factory.Services.GetRequiredService<EndpointDataSource>();
        var routes = sources.Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(r => r.StartsWith("/editor", StringComparison.OrdinalIgnoreCase) || r.StartsWith("/admin", StringComparison.OrdinalIgnoreCase))
            .Distinct()
            .Select(r => r.Replace("{id}", someUserId, StringComparison.Ordinal))
            // A route shared by several areas (/editor/{area:regex(^(standards|policies|...)$)}/...) is one route per area.
            .SelectMany(r => AreaParameter().Match(r) is { Success: true } m
                ? m.Groups["areas"].Value.Split('|').Select(area => r.Replace(m.Value, area, StringComparison.Ordinal))
                : [r])
            .ToList();
        // Item routes are /editor/<area>/{id:int}/...: fill in a real id of that area's first item.
        await using var scope = Fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var ids = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
        {
            ["articles"] = await db.Articles.MinAsync(a => a.Id, Ct),
            ["issues"] = await db.Issues.MinAsync(i => i.Id, Ct),
            ["policies"] = await db.Policies.MinAsync(p => p.Id, Ct),
            ["standards"] = await db.Standards.MinAsync(s => s.Id, Ct),
            ["working-groups"] = await db.WorkingGroups.MinAsync(w => w.Id, Ct),
            ["organisations"] = await db.Organisations.MinAsync(o => o.Id, Ct),
            ["sectors"] = await db.Sectors.MinAsync(o => o.Id, Ct),
        };
        // An import's page (/admin/import/{id:guid}): a finished import.
        var import = new ImportJob
        {
            Id = Guid.NewGuid(), FileName = "earlier.jsonl", Bytes = 10, BytesRead = 10, State = ImportState.Finished, Summary = "1 line read.",
            QueuedBy = "admin@example.com", Instance = "test", QueuedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.ImportJobs.Add(import);
        await db.SaveChangesAsync(Ct);
        routes = [.. routes.Select(r =>
        {
            var segments = r.Split('/');
            return segments.Length > 2 && ids.TryGetValue(segments[2], out var id) ? r.Replace("{id:int}", id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal) : r;
        }).Select(r => r.Replace("{id:guid}", import.Id.ToString(), StringComparison.Ordinal))];
        routes.ShouldNotBeEmpty();
        routes.ShouldAllBe(r => !r.Contains('{'), "every route parameter is filled in");
        routes.ShouldContain($"/editor/sectors/{ids["sectors"]}/delete", "a route shared by areas is checked in each");
        return routes;
    }

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

    /// <summary>
    /// Every page for any signed-in user: the watchlist (its private feed aside, which feed readers read without signing
    /// in) and everything under "My account" (/account/manage...).
    /// </summary>
    private List<string> SignedInRoutes()
    {
        var routes = Fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(r => (r.StartsWith("/watchlist", StringComparison.OrdinalIgnoreCase) && !r.StartsWith("/watchlist/feed/", StringComparison.OrdinalIgnoreCase))
                || r.StartsWith("/account/manage", StringComparison.OrdinalIgnoreCase))
            .Distinct()
            .ToList();
        routes.ShouldNotBeEmpty();
        routes.ShouldContain("/account/manage/preferences");
        routes.ShouldContain("/account/manage/delete");
        routes.ShouldAllBe(r => !r.Contains('{'), "every route parameter is filled in");
        return routes;
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

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_clear_message()
    {
        await Fixture.CreateUserAsync("reader@example.com", Password, Roles.Member);
        using var client = Fixture.CreateSignedInCapableClient();

        var response = await PostFormAsync(client, "/account/sign-in", "/account/sign-in", [new("Input.Email", "reader@example.com"), new("Input.Password", "wrong")]);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("The e-mail address or the password is not right.");
    }

    [Fact]
    public async Task An_empty_sign_in_form_says_what_is_missing()
    {
        using var client = Fixture.CreateSignedInCapableClient();

        var response = await PostFormAsync(client, "/account/sign-in", "/account/sign-in", [new("Input.Email", ""), new("Input.Password", "")]);
        var html = await response.Content.ReadAsStringAsync(Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        html.ShouldContain("Enter your e-mail address.");
        html.ShouldContain("Enter your password.");
    }

    [Fact]
    public async Task Five_failed_attempts_lock_the_account_even_against_the_right_password()
    {
        await Fixture.CreateUserAsync("target@example.com", Password, Roles.Member);
        using var client = Fixture.CreateSignedInCapableClient();
        for (var i = 0; i < 5; i++)
        {
            await PostFormAsync(client, "/account/sign-in", "/account/sign-in", [new("Input.Email", "target@example.com"), new("Input.Password", "wrong-" + i)]);
        }

        var response = await PostFormAsync(client, "/account/sign-in", "/account/sign-in", [new("Input.Email", "target@example.com"), new("Input.Password", Password)]);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("locked after too many failed attempts");
    }

    [Fact]
    public async Task Signing_in_is_rate_limited_with_429_a_page_and_retry_after_the_rest_of_the_window()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = new PortalFactory(Fixture.Database.ConnectionString, kestrel: true, services: s => s.AddSingleton<TimeProvider>(clock),
            settings: new Dictionary<string, string> { ["RateLimiting:SignInPerMinute"] = "3" });
        using var client = new HttpClient { BaseAddress = factory.ServerAddress };
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.GetAsync(new Uri("/account/sign-in", UriKind.Relative), Ct)).StatusCode);
        }

        clock.Advance(TimeSpan.FromSeconds(45));
        var limited = await client.GetAsync(new Uri("/account/sign-in", UriKind.Relative), Ct);

        statuses.ShouldAllBe(s => s == HttpStatusCode.OK);
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(15));
        limited.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await limited.Content.ReadAsStringAsync(Ct)).ShouldContain("Too many sign-in attempts from this address. Try again in 15 seconds.");
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var client = await SignedInAsync("leaving@example.com", Roles.Editor);
        (await client.GetAsync(new Uri("/editor", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await PostFormAsync(client, "/account/sign-out", "/account/sign-out", []);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetAsync(new Uri("/editor", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_through_the_emailed_link()
    {
        await Fixture.CreateUserAsync("forgetful@example.com", Password, Roles.Member);
        using var client = Fixture.CreateSignedInCapableClient();

        var asked = await PostFormAsync(client, "/account/forgot-password", "/account/forgot-password", [new("Input.Email", "forgetful@example.com")]);
        (await asked.Content.ReadAsStringAsync(Ct)).ShouldContain("we have sent it a link");
        var mail = await Fixture.Mail.WaitForAsync("forgetful@example.com", "Reset your SesecPortal password");
        var link = MailLinks.Find(mail, "/account/reset-password");

        var form = await GetPageAsync(link.PathAndQuery);
        var code = form.Document.QuerySelector("input[name='Input.Code']")!.GetAttribute("value")!;
        var reset = await PostFormAsync(client, link.PathAndQuery, "/account/reset-password",
            [new("Input.Email", "forgetful@example.com"), new("Input.Code", code), new("Input.Password", "Brand-New-Pass-7"), new("Input.ConfirmPassword", "Brand-New-Pass-7")]);
        reset.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var signIn = await PostFormAsync(client, "/account/sign-in", "/account/sign-in", [new("Input.Email", "forgetful@example.com"), new("Input.Password", "Brand-New-Pass-7")]);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Asking_for_a_reset_reveals_nothing_about_unknown_addresses()
    {
        await Fixture.CreateUserAsync("somebody@example.com", Password, Roles.Member);
        using var client = Fixture.CreateSignedInCapableClient();

        var unknown = await PostFormAsync(client, "/account/forgot-password", "/account/forgot-password", [new("Input.Email", "nobody@example.com")]);
        var known = await PostFormAsync(client, "/account/forgot-password", "/account/forgot-password", [new("Input.Email", "somebody@example.com")]);

        var unknownText = MainOf(await unknown.Content.ReadAsStringAsync(Ct));
        unknownText.ShouldContain("If an account uses that address");
        unknownText.ShouldBe(MainOf(await known.Content.ReadAsStringAsync(Ct)).Replace("somebody@", "nobody@", StringComparison.Ordinal));
        await Fixture.Mail.WaitForAsync("somebody@example.com", "Reset");
        await using var scope = Fixture.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<PortalDbContext>().OutboxMessages.CountAsync(m => m.Recipient == "nobody@example.com", Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task A_forged_reset_code_is_refused_with_a_message()
    {
        await Fixture.CreateUserAsync("victim@example.com", Password, Roles.Member);
        using var client = Fixture.CreateSignedInCapableClient();

        var response = await PostFormAsync(client, "/account/reset-password?email=victim@example.com&code=forged", "/account/reset-password",
            [new("Input.Email", "victim@example.com"), new("Input.Code", "forged"), new("Input.Password", "Brand-New-Pass-7"), new("Input.ConfirmPassword", "Brand-New-Pass-7")]);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("not valid or has expired");
    }

    [Theory]
    [InlineData("short1A", "at least 12 characters")]
    [InlineData("alllowercase123", "uppercase")]
    [InlineData("ALLUPPERCASE123", "lowercase")]
    [InlineData("NoDigitsHereAtAll", "digit")]
    [InlineData("Aa1Aa1Aa1Aa1", "different characters")]
    public async Task Weak_passwords_are_refused_with_the_reason(string password, string reason)
    {
        var ex = await Should.ThrowAsync<ValidationException>(() => SendCommandAsync(new CreateUser.Command("weak@example.com", null, password, [Roles.Member])));

        ex.Errors.ShouldContain(e => e.PropertyName == "Password" && e.ErrorMessage.Contains(reason, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("", "Enter an e-mail address.")]
    [InlineData("not-an-address", "Enter an e-mail address like name@example.com.")]
    public async Task A_user_needs_a_real_email_address(string email, string message)
    {
        var ex = await Should.ThrowAsync<ValidationException>(() => SendCommandAsync(new CreateUser.Command(email, null, Password, [Roles.Member])));

        ex.Errors.ShouldContain(e => e.ErrorMessage == message);
    }

    [Fact]
    public async Task An_email_address_is_used_by_one_account_only()
    {
        await Fixture.CreateUserAsync("taken@example.com", Password, Roles.Member);

        var ex = await Should.ThrowAsync<ValidationException>(() => SendCommandAsync(new CreateUser.Command("taken@example.com", null, Password, [Roles.Member])));

        ex.Errors.ShouldContain(e => e.PropertyName == "Email");
    }

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

    [Fact]
    public async Task Signed_in_members_see_secretariat_contacts()
    {
        using var client = await SignedInAsync("analyst@example.com", Roles.Member);

        var (status, html) = await GetWithAsync(client, "/working-groups/tc28-sc42-trustworthiness-research");

        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("Li Binbin");
        html.ShouldContain("15624952070");
    }

    [Fact]
    public async Task The_create_admin_command_creates_an_admin_and_refuses_bad_input()
    {
        var ok = await SesecPortal.Web.Infrastructure.AdminCommand.RunAsync(Fixture.Factory.Services, ["create-admin", "--email", "ops@example.com", "--password", Password]);
        var bad = await SesecPortal.Web.Infrastructure.AdminCommand.RunAsync(Fixture.Factory.Services, ["create-admin", "--email", "not-an-address"]);
        var missing = await SesecPortal.Web.Infrastructure.AdminCommand.RunAsync(Fixture.Factory.Services, ["create-admin"]);

        ok.ShouldBe(0);
        bad.ShouldBe(2);
        missing.ShouldBe(2);
        await using var scope = Fixture.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        (await users.GetRolesAsync((await users.FindByEmailAsync("ops@example.com"))!)).ShouldBe([Roles.Admin]);
    }

    private async Task<T> SendCommandAsync<T>(Mediator.ICommand<T> command)
    {
        await using var scope = Fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(command, Ct);
    }

    private static async Task<(HttpStatusCode Status, string Html)> GetWithAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    [GeneratedRegex(@"\{area:regex\(\^\((?<areas>[^)]*)\)\$\)\}")]
    private static partial Regex AreaParameter();

    private static string MainOf(string html) => Regex.Match(html, "<main[^>]*>(.*)</main>", RegexOptions.Singleline).Groups[1].Value;
}
