using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SesecPortal.TestSupport;

namespace SesecPortal.IntegrationTests.OpenData;

/// <summary>The API's rate limit.</summary>
public sealed class ApiRateLimitTests(IntegrationFixture fixture) : OpenDataApiTest(fixture)
{
    [Fact]
    public async Task Too_many_requests_answer_429_with_problem_details_and_retry_after_the_rest_of_the_window()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = new PortalFactory(Fixture.Database.ConnectionString, services: s => s.AddSingleton<TimeProvider>(clock),
            settings: new Dictionary<string, string> { ["RateLimiting:ApiPerMinute"] = "2" });
        using var client = factory.CreateClient();
        for (var i = 0; i < 2; i++)
        {
            (await client.GetAsync(new Uri("/api/v1/sectors", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        clock.Advance(TimeSpan.FromSeconds(20));
        var refused = await client.GetAsync(new Uri("/api/v1/sectors", UriKind.Relative), Ct);

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.GetValues("Retry-After").Single().ShouldBe("40", "what is left of the minute, not the minute");
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Ct));
        problem.RootElement.GetProperty("status").GetInt32().ShouldBe(429);
        problem.RootElement.GetProperty("detail").GetString().ShouldBe("At most 2 requests a minute from one address; try again in 40 seconds.");
        problem.RootElement.GetProperty("retryAfterSeconds").GetInt32().ShouldBe(40);

        clock.Advance(TimeSpan.FromSeconds(40));
        (await client.GetAsync(new Uri("/api/v1/sectors", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK, "a new window");
    }

    [Fact]
    public async Task Behind_the_load_balancer_each_client_has_its_own_allowance()
    {
        // Kestrel on loopback, as nginx would reach it: X-Forwarded-For names the client.
        await using var factory = new PortalFactory(Fixture.Database.ConnectionString, kestrel: true, settings: new Dictionary<string, string> { ["RateLimiting:ApiPerMinute"] = "2" });
        using var client = factory.CreateClient();
        async Task<HttpStatusCode> GetAsAsync(string address)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/sectors", UriKind.Relative));
            request.Headers.Add("X-Forwarded-For", address);
            using var response = await client.SendAsync(request, Ct);
            return response.StatusCode;
        }

        (await GetAsAsync("203.0.113.7")).ShouldBe(HttpStatusCode.OK);
        (await GetAsAsync("203.0.113.7")).ShouldBe(HttpStatusCode.OK);
        (await GetAsAsync("203.0.113.7")).ShouldBe(HttpStatusCode.TooManyRequests);

        (await GetAsAsync("198.51.100.9")).ShouldBe(HttpStatusCode.OK, "another client behind the same proxy keeps its own allowance");
    }
}
