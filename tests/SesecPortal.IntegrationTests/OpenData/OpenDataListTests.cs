using System.Net;
using System.Text.Json;
using SesecPortal.Application.Features.Articles;
using SesecPortal.Application.Features.Policies;
using SesecPortal.Application.Features.Targets;

namespace SesecPortal.IntegrationTests.OpenData;

/// <summary>
/// Issue 15 §3: the read API's lists are the pages' lists (same filters, rows and order), every list links its CSV and JSON
/// with the page's filters, and the targets have both.
/// </summary>
public sealed class OpenDataListTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    [Fact]
    public async Task The_policies_api_holds_the_rows_of_the_policies_page_in_its_order()
    {
        var expected = await SendAsync(new FindPolicies.Query(Sector: ["cybersecurity"], Sort: "title"));

        using var json = await GetJsonAsync("/api/v1/policies?sector=cybersecurity&sort=title");

        Slugs(json).ShouldBe(expected.Policies.Select(p => p.Slug).ToList());
        expected.Policies.ShouldNotBeEmpty();
        json.RootElement.GetProperty("total").GetInt32().ShouldBe(expected.Total);
        json.RootElement.GetProperty("messages").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task The_articles_api_holds_the_rows_of_the_articles_page_in_its_order()
    {
        var expected = await SendAsync(new FindArticles.Query(Sector: ["carbon"], Sort: "oldest"));

        using var json = await GetJsonAsync("/api/v1/articles?sector=carbon&sort=oldest");

        Slugs(json).ShouldBe(expected.Articles.Select(a => a.Slug).ToList());
        expected.Articles.ShouldNotBeEmpty();
        json.RootElement.GetProperty("total").GetInt32().ShouldBe(expected.Total);
    }

    [Fact]
    public async Task A_bad_filter_in_the_api_is_explained_not_failed()
    {
        using var client = Fixture.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/v1/policies?year=nineteen&sort=colour&page=-3", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var messages = json.RootElement.GetProperty("messages").EnumerateArray().Select(m => m.GetString()).ToList();
        messages.ShouldContain(m => m!.Contains("colour"));
        messages.ShouldContain(m => m!.Contains("nineteen"));
        json.RootElement.GetProperty("total").GetInt32().ShouldBe(await Sql.CountAsync(Fixture, "SELECT count(*) FROM policies"));
    }

    [Fact]
    public async Task The_targets_api_lists_the_targets_of_the_targets_page()
    {
        var expected = await SendAsync(new ListTargets.Query(Sector: ["digital-economy"]));

        using var json = await GetJsonAsync("/api/v1/targets?sector=digital-economy");

        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("metric").GetString()).ShouldBe(expected.Targets.Select(t => t.Metric).ToList());
        items.Count.ShouldBe(await Sql.CountAsync(Fixture,
            "SELECT count(*) FROM targets t WHERE EXISTS (SELECT 1 FROM policy_target_sectors st JOIN sectors s ON s.id = st.sectors_id WHERE st.policy_target_id = t.id AND s.slug = 'digital-economy')"));
        items.ShouldNotBeEmpty();
        json.RootElement.GetProperty("total").GetInt32().ShouldBe(items.Count);
    }

    [Fact]
    public async Task The_targets_csv_holds_the_rows_of_the_page_its_link_comes_from()
    {
        var (_, page) = await GetPageAsync("/targets?sector=digital-economy&year=2025");
        var links = page.QuerySelectorAll(".downloads a").Select(a => a.GetAttribute("href")).ToList();
        links.ShouldBe(["/api/v1/targets.csv?sector=digital-economy&year=2025", "/api/v1/targets?sector=digital-economy&year=2025", "/data"]);
        var shown = page.QuerySelectorAll("table.data tbody tr").Count;

        using var client = Fixture.CreateClient();
        using var csv = await client.GetAsync(new Uri(links[0]!, UriKind.Relative), Ct);

        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        csv.Content.Headers.ContentDisposition!.ToString().ShouldContain("targets.csv");
        var lines = (await csv.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("metric,target,year,baseline,quote,set_by,set_by_kind,sectors,url");
        shown.ShouldBeGreaterThan(0);
        lines.Length.ShouldBe(shown + 1);
        lines.Skip(1).ShouldAllBe(l => l.Contains(",2025,") && l.Contains("Digital economy"));
    }

    [Fact]
    public async Task A_bad_targets_filter_is_explained_not_failed()
    {
        using var client = Fixture.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/v1/targets?year=soon&sector=%3Cscript%3E", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        json.RootElement.GetProperty("messages").GetArrayLength().ShouldBe(2);
        json.RootElement.GetProperty("total").GetInt32().ShouldBe(await Sql.CountAsync(Fixture, "SELECT count(*) FROM targets"));
    }

    [Theory]
    [InlineData("/policies?sector=cybersecurity&sort=title&page=1", "/api/v1/policies.csv?sector=cybersecurity&sort=title", "/api/v1/policies?sector=cybersecurity&sort=title&page=1")]
    [InlineData("/articles?sector=carbon&sort=oldest", "/api/v1/articles.csv?sector=carbon&sort=oldest", "/api/v1/articles?sector=carbon&sort=oldest")]
    [InlineData("/standards?sector=ict&status=InForce", "/api/v1/standards.csv?sector=ict&status=InForce", "/api/v1/standards?sector=ict&status=InForce")]
    public async Task Each_list_links_its_csv_and_json_with_its_filters(string path, string csv, string json)
    {
        var (_, page) = await GetPageAsync(path);

        var links = page.QuerySelectorAll(".downloads a").Select(a => a.GetAttribute("href")).ToList();

        links.ShouldBe([csv, json, "/data"]);
        using var client = Fixture.CreateClient();
        foreach (var link in links)
        {
            using var response = await client.GetAsync(new Uri(link!, UriKind.Relative), Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, link);
        }
    }

    private async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var client = Fixture.CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
    }

    private static List<string> Slugs(JsonDocument json) =>
        [.. json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()!)];
}
