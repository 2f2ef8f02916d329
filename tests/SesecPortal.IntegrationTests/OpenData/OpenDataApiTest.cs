using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SesecPortal.Application.Data;
using SesecPortal.Application.Features.OpenData;

namespace SesecPortal.IntegrationTests.OpenData;

/// <summary>The open data API (issue 9): what its tests share.</summary>
public abstract class OpenDataApiTest(IntegrationFixture fixture) : PortalTest(fixture)
{
    protected async Task<JsonNode> OpenApiAsync()
    {
        using var client = Fixture.CreateClient();
        var text = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct);
        return JsonNode.Parse(text)!;
    }

    /// <summary>A real slug of each kind, to fill the documented path templates.</summary>
    protected async Task<Dictionary<string, string>> SamplesAsync()
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

    protected static JsonNode Resolve(JsonNode document, JsonNode schema)
    {
        while (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            schema = document["components"]!["schemas"]![reference.Split('/')[^1]]!;
        }

        return schema;
    }

    protected static string[] Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];

    protected async Task<string> ExportAsync()
    {
        using var output = new MemoryStream();
        await SendAsync(new ExportContent.Query(output));
        return Encoding.UTF8.GetString(output.ToArray());
    }

    protected async Task<Guid> AddJobAsync(Application.Domain.ImportState state, long bytes, long read, int lines, DateTimeOffset updated)
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

    protected static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string text)
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
    protected static async Task<string> WaitForImportAsync(HttpClient client, string jobPage)
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
