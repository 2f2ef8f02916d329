using System.Net;
using System.Text.Json;
using AngleSharp;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.TestSupport;
using SesecPortal.Web.Hosting;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.IntegrationTests.Platform;

/// <summary>
/// Issue 13: the portal's only database stops (a private cluster of its own, stopped and started again by the tests) and
/// the portal degrades instead of failing: 503 with Retry-After, problem details under /api, last good copies of cached
/// pages, one warning in the log, readiness that tells the truth, and recovery without a restart.
/// </summary>
public sealed class DatabaseOutageTests(OutageFixture outage) : IClassFixture<OutageFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Client()
    {
        if (!outage.Available)
        {
            Assert.Skip("These tests stop a database of their own, started from the machine's PostgreSQL binaries, and none were found: " + LocalPostgresCluster.MissingBinariesMessage);
        }

        return outage.CreateClient();
    }

    private static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        (IHtmlDocument)await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(response.Content.ReadAsStream(Ct)), Ct);

    private static void ShouldSayRetryAfter(HttpResponseMessage response, string what)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, what);
        response.Headers.RetryAfter.ShouldNotBeNull(what).Delta.ShouldBe(TimeSpan.FromSeconds(OutageFixture.RetryAfterSeconds), what);
    }

    [Fact]
    public async Task An_uncached_page_answers_503_with_retry_after_and_keeps_the_readers_search()
    {
        using var client = Client();
        await using var stopped = await outage.StopDatabaseAsync();

        var response = await client.GetAsync(new Uri("/search?q=carbon+peak", UriKind.Relative), Ct);

        ShouldSayRetryAfter(response, "/search");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var page = await ParseAsync(response);
        page.QuerySelector("h1")!.TextContent.ShouldBe("The portal is briefly unavailable");
        page.QuerySelector("main")!.TextContent.ShouldContain($"Try again in {OutageFixture.RetryAfterSeconds} seconds");
        ((IHtmlInputElement)page.QuerySelector("#kept-query")!).Value.ShouldBe("carbon peak");
        page.QuerySelector("main a[href='/search?q=carbon+peak']").ShouldNotBeNull("a link tries the same address again");
    }

    [Fact]
    public async Task Article_pages_answer_503_when_the_database_is_down()
    {
        using var client = Client();
        await using var stopped = await outage.StopDatabaseAsync();

        ShouldSayRetryAfter(await client.GetAsync(new Uri("/articles/what-is-important-data-new-standard-provides-the-answer", UriKind.Relative), Ct), "an article");
    }

    [Theory]
    [InlineData("/api/search?q=carbon")]
    [InlineData("/api/v1/sectors")]
    [InlineData("/api/v1/standards/gb-55015-2021")]
    public async Task The_api_answers_problem_details_with_503_and_retry_after(string path)
    {
        using var client = Client();
        await using var stopped = await outage.StopDatabaseAsync();

        var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);

        ShouldSayRetryAfter(response, path);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        problem.RootElement.GetProperty("status").GetInt32().ShouldBe(503);
        problem.RootElement.GetProperty("title").GetString().ShouldBe("The portal is briefly unavailable");
        problem.RootElement.GetProperty("retryAfterSeconds").GetInt32().ShouldBe(OutageFixture.RetryAfterSeconds);
        problem.RootElement.GetProperty("instance").GetString().ShouldBe(path.Split('?')[0]);
    }

    [Theory]
    [InlineData("/feeds/all.atom")]
    [InlineData("/sitemap.xml")]
    [InlineData("/consultations.ics")]
    public async Task Feeds_and_the_sitemap_answer_503_so_readers_and_crawlers_come_back(string path)
    {
        using var client = Client();
        await using var stopped = await outage.StopDatabaseAsync();

        ShouldSayRetryAfter(await client.GetAsync(new Uri(path, UriKind.Relative), Ct), path);
    }

    [Fact]
    public async Task A_page_cached_before_the_outage_is_served_from_its_last_good_copy_marked_as_one()
    {
        using var client = Client();
        var before = await client.GetStringAsync(new Uri("/sectors", UriKind.Relative), Ct);
        // A publish (or the cache's own expiry) lets the fresh entry go; the last good copy stays.
        await outage.Factory.Services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(CachePolicies.PublicTag, Ct);
        await using var stopped = await outage.StopDatabaseAsync();

        var response = await client.GetAsync(new Uri("/sectors", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.Warning.ShouldNotBeEmpty();
        var page = await ParseAsync(response);
        page.QuerySelector(".notice-stale")!.TextContent.ShouldContain("A saved copy");
        page.QuerySelector("h1")!.TextContent.ShouldBe((await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(before), Ct)).QuerySelector("h1")!.TextContent);
        page.QuerySelectorAll("main a[href^='/sectors/']").Length.ShouldBeGreaterThan(3, "the copy is the whole page");
    }

    [Fact]
    public async Task A_page_whose_request_meets_the_outage_first_is_still_served_from_its_copy()
    {
        using var client = Client();
        (await client.GetAsync(new Uri("/issues", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await outage.Factory.Services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(CachePolicies.PublicTag, Ct);
        await using var stopped = await outage.StopDatabaseAsync();
        // Nothing has failed yet on this instance's requests: this one finds the database gone, then its copy.

        var response = await client.GetAsync(new Uri("/issues", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ParseAsync(response)).QuerySelector(".notice-stale").ShouldNotBeNull();
    }

    [Fact]
    public async Task Text_sent_in_a_form_while_the_database_is_down_comes_back_on_the_page_ready_to_send_again()
    {
        Client().Dispose();
        using var editor = outage.CreateClient(cookies: true);
        await SignInAsync(editor, "outage-editor@example.com", Roles.Editor);
        var form = await editor.GetStringAsync(new Uri("/editor/articles/new", UriKind.Relative), Ct);
        var token = (await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(form), Ct))
            .QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        await using var stopped = await outage.StopDatabaseAsync();

        using var content = new FormUrlEncodedContent([
            new("__RequestVerificationToken", token), new("Input.Title", "Hours of careful writing"),
            new("Input.Summary", "A summary."), new("Input.Body", "First paragraph.\n\nSecond paragraph."),
        ]);
        var response = await editor.PostAsync(new Uri("/editor/articles/new?handler=Save", UriKind.Relative), content, Ct);

        ShouldSayRetryAfter(response, "saving an article");
        var page = await ParseAsync(response);
        var kept = page.QuerySelector("form.kept-form")!;
        kept.GetAttribute("action").ShouldBe("/editor/articles/new?handler=Save");
        kept.QuerySelector("textarea[name='Input.Title']")!.TextContent.ShouldBe("Hours of careful writing");
        kept.QuerySelector("textarea[name='Input.Body']")!.TextContent.ShouldBe("First paragraph.\n\nSecond paragraph.");
        kept.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value").ShouldBe(token);
    }

    [Fact]
    public async Task A_password_sent_while_the_database_is_down_is_never_written_back_into_the_page()
    {
        Client().Dispose();
        using var client = outage.CreateClient(cookies: true);

        var form = await client.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative), Ct);
        var token = (await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(form), Ct))
            .QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        await using var stopped = await outage.StopDatabaseAsync();

        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Input.Email", "reader@example.com"), new("Input.Password", "Secret-Horse-42")]);
        var response = await client.PostAsync(new Uri("/account/sign-in", UriKind.Relative), content, Ct);

        ShouldSayRetryAfter(response, "signing in");
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("reader@example.com");
        html.ShouldNotContain("Secret-Horse-42");
    }

    [Fact]
    public async Task An_outage_is_logged_once_as_a_warning_with_its_cause_and_no_stack_trace()
    {
        using var client = Client();
        outage.Log.Clear();
        await using (await outage.StopDatabaseAsync())
        {
            foreach (var path in new[] { "/search?q=carbon", "/api/search?q=carbon", "/api/v1/sectors", "/feeds/all.atom", "/sitemap.xml", "/health/ready", "/search?q=energy" })
            {
                (await client.GetAsync(new Uri(path, UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, path);
            }

            var warnings = outage.Log.AtLeast(LogEventLevel.Warning);
            warnings.Count.ShouldBe(1, string.Join("\n", warnings.Select(w => $"{w.Level} {w.Source}: {w.Message}")));
            warnings[0].Level.ShouldBe(LogEventLevel.Warning);
            warnings[0].Source.ShouldBe(typeof(DatabaseOutage).FullName);
            warnings[0].Message.ShouldMatch("does not answer: .*(Connection refused|ConnectionRefused|57P01|terminating connection)");
            warnings[0].Exception.ShouldBeNull("the cause is in the message, not a stack trace");
        }

        outage.Log.AtLeast(LogEventLevel.Warning).Count.ShouldBe(1, "coming back is not a warning either");
        outage.Log.Events.ShouldContain(e => CapturingLogSink.Source(e) == typeof(DatabaseOutage).FullName && e.Level == LogEventLevel.Information);
    }

    [Fact]
    public async Task Liveness_stays_200_while_readiness_says_the_database_does_not_answer()
    {
        using var client = Client();
        await using var stopped = await outage.StopDatabaseAsync();

        (await client.GetAsync(new Uri("/health", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), Ct);

        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        using var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(Ct));
        var checks = report.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        checks["database"].ShouldBe("Unhealthy");
        checks["database-read"].ShouldBe("Unhealthy", "queries read from the same database, which is down");
    }

    [Fact]
    public async Task When_the_database_comes_back_the_portal_answers_again_without_a_restart()
    {
        using var client = Client();
        await using (await outage.StopDatabaseAsync())
        {
            (await client.GetAsync(new Uri("/search?q=carbon", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            (await client.GetAsync(new Uri("/api/v1/sectors", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        }

        (await client.GetAsync(new Uri("/search?q=carbon", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync(new Uri("/api/v1/sectors", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await outage.Factory.Services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(CachePolicies.PublicTag, Ct);
        var fresh = await client.GetAsync(new Uri("/sectors", UriKind.Relative), Ct);
        fresh.StatusCode.ShouldBe(HttpStatusCode.OK);
        fresh.Headers.Warning.ShouldBeEmpty("with the database back, pages are rendered afresh");
    }

    private async Task SignInAsync(HttpClient client, string email, string role)
    {
        const string password = "Correct-Horse-42";
        await using (var scope = outage.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(new Application.Features.Accounts.CreateUser.Command(email, null, password, [role]), Ct);
        }

        var form = await client.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative), Ct);
        var token = (await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(form), Ct))
            .QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Input.Email", email), new("Input.Password", password)]);
        (await client.PostAsync(new Uri("/account/sign-in", UriKind.Relative), content, Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}
