using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace SesecPortal.IntegrationTests.OpenData;

/// <summary>The OpenAPI document and what it promises.</summary>
public sealed class OpenApiDocumentTests(IntegrationFixture fixture) : OpenDataApiTest(fixture)
{
    [Fact]
    public async Task Every_api_v1_endpoint_is_in_the_openapi_document()
    {
        var paths = (await OpenApiAsync())["paths"]!.AsObject().Select(p => p.Key).ToHashSet();
        var endpoints = Fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(p => p.StartsWith("/api/v1/", StringComparison.Ordinal)).Distinct().ToList();

        endpoints.Count.ShouldBeGreaterThan(15);
        endpoints.Where(e => !paths.Contains(e)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_documented_path_answers_with_what_the_document_says()
    {
        var document = await OpenApiAsync();
        var samples = await SamplesAsync();
        using var client = Fixture.CreateClient();
        var checkedPaths = 0;
        foreach (var (path, item) in document["paths"]!.AsObject().Where(p => p.Key.StartsWith("/api/v1/", StringComparison.Ordinal)))
        {
            var url = path.Contains("{key}", StringComparison.Ordinal) ? path.Replace("{key}", samples[path.Split('/')[3]], StringComparison.Ordinal) : path;
            if (path.EndsWith("/by-code", StringComparison.Ordinal))
            {
                url += "?code=" + Uri.EscapeDataString("gbt 50378 2019");
            }

            var response = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
            var content = item!["get"]!["responses"]!["200"]!["content"]?.AsObject() ?? throw new ShouldAssertException($"{url} documents no content");
            var mediaType = response.Content.Headers.ContentType!.MediaType!;
            content.Select(c => c.Key).ShouldContain(mediaType, url);
            if (mediaType == "application/json" && content[mediaType]!["schema"] is { } schema)
            {
                var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();
                var resolved = Resolve(document, schema);
                var documented = resolved["properties"]!.AsObject().Select(p => p.Key).ToList();
                // What the response says is documented, and what the document requires is there (null values are left out).
                body.Select(p => p.Key).Where(k => !documented.Contains(k)).ShouldBeEmpty($"{url} answers undocumented properties");
                foreach (var required in resolved["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? [])
                {
                    body.ContainsKey(required).ShouldBeTrue($"{url} lacks the required property {required}");
                }
            }

            checkedPaths++;
        }

        checkedPaths.ShouldBeGreaterThan(15);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_standard_records_classification_adoptions_links_and_plan()
    {
        var document = await OpenApiAsync();
        var standard = Resolve(document, document["paths"]!["/api/v1/standards/{key}"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!);
        var properties = standard["properties"]!.AsObject().Select(p => p.Key).ToList();

        string[] expected = ["titleEn", "titleZh", "ics", "ccs", "ccsClass", "adoptions", "adoptedBy", "official", "draftingOrganisations",
            "drafters", "competentDepartment", "editionNoteHtml", "timeline", "plan"];
        expected.Where(p => !properties.Contains(p)).ShouldBeEmpty();
        var plan = Resolve(document, standard["properties"]!["plan"]!);
        var planSchema = plan["oneOf"]?.AsArray().Select(o => Resolve(document, o!)).FirstOrDefault(o => o["properties"] is not null) ?? plan;
        var planProperties = planSchema["properties"]!.AsObject().Select(p => p.Key).ToList();
        string[] planExpected = ["number", "nature", "departmentCode", "deadline", "overdue", "stages"];
        planExpected.Where(p => !planProperties.Contains(p)).ShouldBeEmpty();
    }
}
