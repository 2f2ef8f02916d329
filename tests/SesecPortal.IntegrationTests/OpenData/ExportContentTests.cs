using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SesecPortal.Application.Data;
using SesecPortal.Application.Features.OpenData;

namespace SesecPortal.IntegrationTests.OpenData;

/// <summary>Exporting content and importing it back.</summary>
public sealed class ExportContentTests(IntegrationFixture fixture) : OpenDataApiTest(fixture)
{
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
}
