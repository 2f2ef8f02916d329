using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SesecPortal.Application.Data;
using SesecPortal.Application.Features.OpenData;
using SesecPortal.TestSupport;

namespace SesecPortal.IntegrationTests;

public sealed class OpenDataApiTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    private async Task<JsonNode> OpenApiAsync()
    {
        using var client = Fixture.CreateClient();
        var text = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct);
        return JsonNode.Parse(text)!;
    }

    /// <summary>A real slug of each kind, to fill the documented path templates.</summary>
    private async Task<Dictionary<string, string>> SamplesAsync()
    {
        await using var scope = Fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return new Dictionary<string, string>
        {
            ["articles"] = await db.Articles.Where(a => a.Status == Application.Domain.PublicationStatus.Published).Select(a => a.Slug).FirstAsync(Ct),
            ["policies"] = await db.Policies.Select(p => p.Slug).FirstAsync(Ct),
            ["standards"] = "gb-t-50378-2019",
            ["working-groups"] = await db.WorkingGroups.Select(w => w.Slug).FirstAsync(Ct),
            ["organisations"] = await db.Organisations.Select(o => o.Slug).FirstAsync(Ct),
            ["sectors"] = "carbon",
            ["issues"] = await db.Issues.Where(i => i.Status == Application.Domain.PublicationStatus.Published).Select(i => i.Slug).FirstAsync(Ct),
        };
    }

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

    private static JsonNode Resolve(JsonNode document, JsonNode schema)
    {
        while (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            schema = document["components"]!["schemas"]![reference.Split('/')[^1]]!;
        }

        return schema;
    }

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

    [Fact]
    public async Task The_old_search_api_still_answers()
    {
        using var client = Fixture.CreateClient();
        var response = await client.GetAsync(new Uri("/api/search?q=carbon", UriKind.Relative), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Export_then_import_into_an_empty_database_gives_the_same_content()
    {
        using (var stream = new MemoryStream(await OpenDataCorpus.GenerateAsync(articles: 30, standards: 30, policies: 10)))
        {
            (await SendAsync(new ImportContent.Command(stream))).ErrorCount.ShouldBe(0);
        }

        var first = await ExportAsync();
        await using (var scope = Fixture.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            await db.Database.ExecuteSqlRawAsync("TRUNCATE articles, standards, policies CASCADE", Ct);
        }

        using (var stream = new MemoryStream(Encoding.UTF8.GetBytes(first)))
        {
            var result = await SendAsync(new ImportContent.Command(stream));
            result.Errors.ShouldBeEmpty();
        }

        var second = await ExportAsync();
        Lines(second).ShouldBe(Lines(first));
        Lines(first).Length.ShouldBeGreaterThan(70);
    }

    private static string[] Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];

    private async Task<string> ExportAsync()
    {
        using var output = new MemoryStream();
        await SendAsync(new ExportContent.Query(output));
        return Encoding.UTF8.GetString(output.ToArray());
    }

    [Fact]
    public async Task Exports_a_search_result_and_csv_of_the_standards_finder()
    {
        using var client = Fixture.CreateClient();
        var jsonl = await client.GetStringAsync(new Uri("/api/v1/export.jsonl?q=building", UriKind.Relative), Ct);
        var lines = jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldNotBeEmpty();
        lines.ShouldAllBe(l => JsonDocument.Parse(l, default).RootElement.GetProperty("id").GetString() != null);

        var csv = await client.GetAsync(new Uri("/api/v1/standards.csv?sector=construction", UriKind.Relative), Ct);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var text = await csv.Content.ReadAsStringAsync(Ct);
        text.ShouldContain("code,title,level");
        text.ShouldContain("GB/T 50378-2019");
    }

    [Fact]
    public async Task An_admin_uploads_a_file_it_is_imported_in_the_background_and_its_page_shows_the_report()
    {
        using var client = await SignedInAsync("admin@example.org", Application.Domain.Roles.Admin);

        var response = await UploadAsync(client, """{"type":"policy","id":"p1","title":"An imported policy","slug":"an-imported-policy","authority":"MIIT","issued_on":"2022-01-05","sectors":["ict"]}""" + "\nnot json\n");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var jobPage = response.Headers.Location!.ToString();
        jobPage.ShouldMatch("^/admin/import/[0-9a-f-]{36}$");
        var page = await WaitForImportAsync(client, jobPage);
        page.ShouldContain("added 1 policy");
        page.ShouldContain("line 2");
        page.ShouldMatch(@"Written in [0-9.,]+ s \([0-9,]+ lines/s\); searchable [0-9.,]+ s after the import began\.");
        (await SendAsync(new Application.Features.Search.SearchPortal.Query("An imported policy"))).Hits.ShouldContain(h => h.Url == "/policies/an-imported-policy",
            "the import is reported searchable only once it is");
        (await GetPageAsync("/policies/an-imported-policy")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetStringAsync(new Uri("/admin/import", UriKind.Relative), Ct)).ShouldContain("policies.jsonl", Case.Sensitive, "the import page lists the latest imports");
    }

    [Fact]
    public async Task An_empty_upload_answers_400_with_the_form_and_says_why()
    {
        using var client = await SignedInAsync("admin@example.org", Application.Domain.Roles.Admin);

        var response = await UploadAsync(client, "");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("is empty: choose a JSON Lines file");
        html.ShouldContain("type=\"file\"");
    }

    [Fact]
    public async Task The_import_page_states_the_upload_limit()
    {
        using var client = await SignedInAsync("admin@example.org", Application.Domain.Roles.Admin);

        (await client.GetStringAsync(new Uri("/admin/import", UriKind.Relative), Ct)).ShouldContain("files of at most 256 MB");
    }

    [Fact]
    public async Task An_upload_over_the_limit_answers_413_with_a_page_that_says_the_limit()
    {
        await using var factory = new PortalFactory(Fixture.Database.ConnectionString, kestrel: true, settings: new Dictionary<string, string> { ["Import:MaxUploadMB"] = "1" });
        await Fixture.CreateUserAsync("big-admin@example.org", "Correct-Horse-42", Application.Domain.Roles.Admin);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = factory.ServerAddress };
        (await PostFormAsync(client, "/account/sign-in", "/account/sign-in", [new("Input.Email", "big-admin@example.org"), new("Input.Password", "Correct-Horse-42")]))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var response = await UploadAsync(client, new string('x', 1_300_000));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("Uploads are limited to 1 MB");
        html.ShouldContain("-- import FILE.jsonl");
    }

    [Fact]
    public async Task A_running_import_shows_how_far_it_has_got_and_asks_to_be_updated()
    {
        using var client = await SignedInAsync("admin@example.org", Application.Domain.Roles.Admin);
        var id = await AddJobAsync(Application.Domain.ImportState.Running, bytes: 4_000_000, read: 1_000_000, lines: 2_500, updated: DateTimeOffset.UtcNow);

        var response = await client.GetAsync(new Uri($"/admin/import/{id}", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("Refresh").Single().ShouldBe("2");
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("<progress id=\"import-progress\" max=\"100\" value=\"25\">");
        html.ShouldContain("importing: 25% of 3.8 MB, 2,500 lines read.");
    }

    [Fact]
    public async Task An_import_whose_instance_went_away_says_it_stopped()
    {
        using var client = await SignedInAsync("admin@example.org", Application.Domain.Roles.Admin);
        var id = await AddJobAsync(Application.Domain.ImportState.Running, bytes: 1000, read: 500, lines: 3, updated: DateTimeOffset.UtcNow.AddMinutes(-10));

        var response = await client.GetAsync(new Uri($"/admin/import/{id}", UriKind.Relative), Ct);

        response.Headers.Contains("Refresh").ShouldBeFalse();
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("stopped: the instance running it went away");
    }

    private async Task<Guid> AddJobAsync(Application.Domain.ImportState state, long bytes, long read, int lines, DateTimeOffset updated)
    {
        await using var scope = Fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var job = new Application.Domain.ImportJob
        {
            Id = Guid.NewGuid(), FileName = "large.jsonl", Bytes = bytes, BytesRead = read, Lines = lines, State = state, QueuedBy = "admin@example.org",
            Instance = "elsewhere", QueuedAt = updated, StartedAt = updated, UpdatedAt = updated,
        };
        db.ImportJobs.Add(job);
        await db.SaveChangesAsync(Ct);
        return job.Id;
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string text)
    {
        var token = await AntiforgeryTokenAsync(client, "/admin/import");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        form.Add(file, "Upload", "policies.jsonl");
        return await client.PostAsync(new Uri("/admin/import", UriKind.Relative), form, Ct);
    }

    /// <summary>Loads the import's page, as its Refresh header asks, until the import has finished.</summary>
    private static async Task<string> WaitForImportAsync(HttpClient client, string jobPage)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var response = await client.GetAsync(new Uri(jobPage, UriKind.Relative), Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var html = await response.Content.ReadAsStringAsync(Ct);
            if (!response.Headers.Contains("Refresh"))
            {
                return html;
            }

            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60), "the import did not finish");
            await Task.Delay(100, Ct);
        }
    }
}
