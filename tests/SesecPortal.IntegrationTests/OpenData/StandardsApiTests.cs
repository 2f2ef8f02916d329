using System.Net;
using System.Text.Json.Nodes;

namespace SesecPortal.IntegrationTests.OpenData;

/// <summary>Finding and listing standards through the API, from any origin.</summary>
public sealed class StandardsApiTests(IntegrationFixture fixture) : OpenDataApiTest(fixture)
{
    [Fact]
    public async Task Finds_a_standard_by_its_code_in_any_form()
    {
        using var client = Fixture.CreateClient();
        foreach (var key in new[] { "gb-t-50378-2019", Uri.EscapeDataString("GB/T 50378—2019") })
        {
            var json = await client.GetStringAsync(new Uri($"/api/v1/standards/{key}", UriKind.Relative), Ct);
            JsonNode.Parse(json)!["slug"]!.GetValue<string>().ShouldBe("gb-t-50378-2019");
        }

        var byCode = await client.GetStringAsync(new Uri("/api/v1/standards/by-code?code=gbt%2050378%202019", UriKind.Relative), Ct);
        JsonNode.Parse(byCode)!["normalizedCode"]!.GetValue<string>().ShouldBe("GB/T 50378-2019");
        (await client.GetAsync(new Uri("/api/v1/standards/no-such-standard", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Lists_standards_with_the_finders_filters_and_paging()
    {
        using var client = Fixture.CreateClient();
        var json = JsonNode.Parse(await client.GetStringAsync(new Uri("/api/v1/standards?sector=construction&page=1", UriKind.Relative), Ct))!;
        json["page"]!.GetValue<int>().ShouldBe(1);
        json["items"]!.AsArray().Count.ShouldBeGreaterThan(0);
        json["total"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(json["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Answers_any_origin_for_get_without_credentials()
    {
        using var client = Fixture.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/sectors");
        request.Headers.Add("Origin", "https://example.org");
        var response = await client.SendAsync(request, Ct);

        response.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe(["*"]);
        response.Headers.Contains("Access-Control-Allow-Credentials").ShouldBeFalse();
    }

    [Fact]
    public async Task The_old_search_api_still_answers()
    {
        using var client = Fixture.CreateClient();
        var response = await client.GetAsync(new Uri("/api/search?q=carbon", UriKind.Relative), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
