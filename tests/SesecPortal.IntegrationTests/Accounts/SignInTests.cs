using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SesecPortal.Application.Domain;
using SesecPortal.TestSupport;

namespace SesecPortal.IntegrationTests.Accounts;

/// <summary>Signing in and out, failed attempts, lock-out and rate limit.</summary>
public sealed class SignInTests(IntegrationFixture fixture) : AccountAccessTest(fixture)
{
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
    public async Task Signed_in_members_see_secretariat_contacts()
    {
        using var client = await SignedInAsync("analyst@example.com", Roles.Member);

        var (status, html) = await GetWithAsync(client, "/working-groups/tc28-sc42-trustworthiness-research");

        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("Li Binbin");
        html.ShouldContain("15624952070");
    }
}
