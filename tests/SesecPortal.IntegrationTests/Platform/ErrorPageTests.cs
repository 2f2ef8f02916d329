using System.Net;
using System.Text.Json;
using AngleSharp;

namespace SesecPortal.IntegrationTests.Platform;

/// <summary>Issue 15 §3 and §5: every error is a page for people and problem details under /api, with the right status.</summary>
public sealed class ErrorPageTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, int status)
    {
        ((int)response.StatusCode).ShouldBe(status);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        problem.RootElement.GetProperty("status").GetInt32().ShouldBe(status);
        problem.RootElement.GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace();
        return problem.RootElement.Clone();
    }

    [Theory]
    [InlineData("/api/v1/nothing-here")]
    [InlineData("/api/v1/standards/no-such-standard")]
    [InlineData("/api/v1/articles/999999")]
    public async Task An_api_address_that_finds_nothing_answers_404_problem_details(string path)
    {
        using var client = Fixture.CreateClient();

        var problem = await ProblemAsync(await client.GetAsync(new Uri(path, UriKind.Relative), Ct), 404);

        problem.GetProperty("instance").GetString().ShouldBe(path);
    }

    [Fact]
    public async Task A_method_the_api_does_not_serve_answers_405_problem_details()
    {
        using var client = Fixture.CreateClient();

        var response = await client.PostAsync(new Uri("/api/v1/sectors", UriKind.Relative), new StringContent("{}"), Ct);

        var problem = await ProblemAsync(response, 405);
        problem.GetProperty("detail").GetString()!.ShouldContain("does not answer POST requests");
    }

    [Theory]
    [InlineData("TRACE", "/")]
    [InlineData("PUT", "/sectors")]
    [InlineData("DELETE", "/standards/gb-55015-2021")]
    public async Task A_method_the_portal_does_not_serve_answers_405_with_a_page(string method, string path)
    {
        using var client = Fixture.CreateClient();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.ShouldBe(["GET", "HEAD", "POST"]);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("<h1>Method not allowed</h1>");
    }

    [Fact]
    public async Task A_20000_character_query_answers_414_with_a_page_that_keeps_the_start_of_the_search()
    {
        using var client = Fixture.CreateClient();

        var response = await client.GetAsync(new Uri("/search?q=" + new string('a', 20_000), UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestUriTooLong);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("<h1>Address too long</h1>");
        html.ShouldContain($"value=\"{new string('a', 256)}\"");
    }

    [Fact]
    public async Task An_unknown_page_is_still_the_html_404_page()
    {
        var (response, document) = await GetPageAsync("/no-such-page");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        document.QuerySelector("h1")!.TextContent.ShouldBe("Page not found");
    }

    [Fact]
    public async Task A_form_whose_token_expired_says_so_and_gives_the_text_back_ready_to_send_again()
    {
        await Fixture.CreateUserAsync("returning@example.com", "Correct-Horse-42", SesecPortal.Application.Domain.Roles.Member);
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = Fixture.Address };
        await client.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative), Ct);
        // A token the reader's cookie does not pair with: what a form left open past its expiry, or across a sign-out in another tab, sends.
        using var stranger = Fixture.CreateClient();
        var staleToken = TokenOf(await ParseHtmlAsync(await stranger.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative), Ct)));

        using var stale = new FormUrlEncodedContent([new("__RequestVerificationToken", staleToken), new("Input.Email", "returning@example.com"), new("Input.Password", "Correct-Horse-42")]);
        var response = await client.PostAsync(new Uri("/account/sign-in", UriKind.Relative), stale, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await ParseHtmlAsync(await response.Content.ReadAsStringAsync(Ct));
        page.QuerySelector("h1")!.TextContent.ShouldBe("This form has expired");
        var kept = page.QuerySelector("form.kept-form")!;
        kept.GetAttribute("action").ShouldBe("/account/sign-in");
        kept.QuerySelector("textarea[name='Input.Email']")!.TextContent.ShouldBe("returning@example.com");
        page.DocumentElement.OuterHtml.ShouldNotContain("Correct-Horse-42");
        var fresh = kept.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        fresh.ShouldNotBe(staleToken);

        // Sent again from the page (with the password typed again), it goes through.
        using var again = new FormUrlEncodedContent([new("__RequestVerificationToken", fresh), new("Input.Email", "returning@example.com"), new("Input.Password", "Correct-Horse-42")]);
        (await client.PostAsync(new Uri("/account/sign-in", UriKind.Relative), again, Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    private static string TokenOf(AngleSharp.Dom.IDocument page) =>
        page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    private static Task<AngleSharp.Dom.IDocument> ParseHtmlAsync(string html) =>
        BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html), Ct);
}
