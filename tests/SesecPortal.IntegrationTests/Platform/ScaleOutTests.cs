using System.Net;
using Mediator;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Standards;
using SesecPortal.TestSupport;

namespace SesecPortal.IntegrationTests.Platform;

/// <summary>
/// Issue 7's "more than one instance" on one database: compression, static-file caching, cache eviction that reaches a
/// second instance through LISTEN/NOTIFY, and cookies and antiforgery tokens of one instance accepted by the other.
/// </summary>
public sealed class ScaleOutTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    private const string StandardPage = "/standards/gb-55015-2021";

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Pages_are_compressed_for_a_browser_that_accepts_it(string encoding)
    {
        using var client = Fixture.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.AcceptEncoding.ParseAdd(encoding);
        using var response = await client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentEncoding.ShouldBe([encoding]);
        response.Headers.Vary.ShouldContain("Accept-Encoding");
    }

    [Fact]
    public async Task Fingerprinted_stylesheet_is_cached_for_a_year_and_the_plain_address_briefly()
    {
        var (_, home) = await GetPageAsync("/");
        var href = home.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        href.ShouldContain("?v=");

        using var client = Fixture.CreateClient();
        using var fingerprinted = await client.GetAsync(new Uri(href, UriKind.Relative), Ct);
        using var plain = await client.GetAsync(new Uri(href.Split('?')[0], UriKind.Relative), Ct);

        fingerprinted.Headers.CacheControl!.ToString().ShouldBe("public, max-age=31536000, immutable");
        plain.Headers.CacheControl!.ToString().ShouldBe("public, max-age=600");
    }

    [Fact]
    public void Kestrel_refuses_synchronous_io()
    {
        Fixture.Factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AllowSynchronousIO.ShouldBeFalse();
    }

    [Fact]
    public async Task An_edit_on_one_instance_evicts_the_cached_page_of_the_other_within_a_second()
    {
        await using var other = new PortalFactory(Fixture.Database.ConnectionString, kestrel: true);
        using var reader = new HttpClient { BaseAddress = other.ServerAddress };
        await WaitForListenersAsync(Fixture.Database.ConnectionString, 2);
        (await reader.GetStringAsync(StandardPage, Ct)).ShouldContain("General Specification of Energy Efficiency");

        // Changed behind the portal's back: the other instance keeps serving its cached page.
        await ExecuteAsync(Fixture.Database.ConnectionString, "UPDATE standards SET title_en = 'Changed without eviction' WHERE slug = 'gb-55015-2021'");
        (await reader.GetStringAsync(StandardPage, Ct)).ShouldNotContain("Changed without eviction");

        await EditTitleOnThisInstanceAsync("gb-55015-2021", "Energy efficiency in buildings, as edited");

        (await FirstWithinAsync(reader, StandardPage, "as edited", TimeSpan.FromSeconds(1))).ShouldBeTrue("instance B still served the old page a second after the edit on A");
    }

    [Fact]
    public async Task A_sign_in_cookie_and_antiforgery_token_from_one_instance_are_accepted_by_the_other()
    {
        await using var other = new PortalFactory(Fixture.Database.ConnectionString, kestrel: true);
        const string password = "Correct-Horse-42";
        await Fixture.CreateUserAsync("editor@example.com", password, Roles.Editor);
        var cookies = new CookieContainer();
        using var onA = Client(Fixture.Address, cookies);
        using var onB = Client(other.ServerAddress, cookies);

        var signIn = await PostFormAsync(onA, "/account/sign-in", "/account/sign-in", [new("Input.Email", "editor@example.com"), new("Input.Password", password)]);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await onB.GetAsync(new Uri("/editor/standards", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK, "B accepts A's sign-in cookie");

        var token = await AntiforgeryTokenAsync(onA, "/editor/standards/new");
        using var withToken = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Input.Code", "")]);
        using var withoutToken = new FormUrlEncodedContent([new KeyValuePair<string, string>("Input.Code", "")]);
        // Both answer 400: the form refused for its empty fields (the token was accepted), or refused for want of a token.
        var accepted = await onB.PostAsync(new Uri("/editor/standards/new", UriKind.Relative), withToken, Ct);
        accepted.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await accepted.Content.ReadAsStringAsync(Ct)).ShouldContain("English title.", Case.Sensitive, "B accepts A's form token and shows the validation errors");
        var refused = await onB.PostAsync(new Uri("/editor/standards/new", UriKind.Relative), withoutToken, Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync(Ct)).ShouldNotContain("English title.");
    }

    private async Task EditTitleOnThisInstanceAsync(string slug, string title)
    {
        using var _ = Fixture.ActAs("editor@example.com", Roles.Editor);
        await using var scope = Fixture.CreateScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var id = await ScalarAsync<int>(Fixture.Database.ConnectionString, $"SELECT id FROM standards WHERE slug = '{slug}'");
        var form = (await sender.Send(new EditStandard.Query(id), Ct))!;
        form.TitleEn = title;
        await sender.Send(form, Ct);
    }

    private static HttpClient Client(Uri address, CookieContainer cookies) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies }) { BaseAddress = address };

    internal static async Task<bool> FirstWithinAsync(HttpClient client, string path, string text, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        do
        {
            if ((await client.GetStringAsync(new Uri(path, UriKind.Relative), Ct)).Contains(text, StringComparison.Ordinal))
            {
                return true;
            }

            await Task.Delay(50, Ct);
        }
        while (DateTime.UtcNow < deadline);
        return false;
    }

    /// <summary>Waits until this many portal instances LISTEN for cache evictions on the database.</summary>
    internal static async Task WaitForListenersAsync(string connectionString, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await ScalarAsync<long>(connectionString, "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'sesec-change-listener%' AND query LIKE 'LISTEN%'") < count)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"{count} cache listeners did not start within 20 s");
            await Task.Delay(50, Ct);
        }
    }

    internal static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(Ct);
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(Ct);
    }

    internal static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(Ct);
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync(Ct))!;
    }
}
