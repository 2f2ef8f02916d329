using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SesecPortal.Application.Features.Search;

namespace SesecPortal.IntegrationTests.Search;

/// <summary>The search page, the standards finder and the digest over HTTP, and the JSON API agreeing with the page.</summary>
public sealed class SearchPageTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task The_search_page_shows_results_facets_and_highlighted_snippets()
    {
        var (response, document) = await GetPageAsync("/search?q=ethylene");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        document.QuerySelectorAll(".hit").Length.ShouldBeGreaterThan(0);
        document.QuerySelector(".hit mark")!.TextContent.ShouldBe("ethylene", StringCompareShould.IgnoreCase);
        document.QuerySelectorAll(".facets a").Select(a => a.GetAttribute("href")).ShouldContain("/search?q=ethylene&kind=article");
    }

    [Fact]
    public async Task An_exact_code_takes_the_reader_straight_to_the_standard()
    {
        using var client = Fixture.CreateClient();

        var response = await client.GetAsync(new Uri("/search?q=gbt%2050378%202019", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/standards/gb-t-50378-2019");
    }

    [Fact]
    public async Task The_api_and_the_page_agree()
    {
        using var client = Fixture.CreateClient();
        var api = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/search?q=plan&kind=policy&sector=carbon", UriKind.Relative), Json, Ct);
        var (_, page) = await GetPageAsync("/search?q=plan&kind=policy&sector=carbon");

        var apiUrls = api.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("url").GetString()).ToList();
        var pageUrls = page.QuerySelectorAll(".hit h3 a").Select(a => a.GetAttribute("href")).ToList();
        apiUrls.ShouldNotBeEmpty();
        pageUrls.ShouldBe(apiUrls);
        api.GetProperty("total").GetInt32().ShouldBe(apiUrls.Count);
        var facet = api.GetProperty("facets").GetProperty("kind").EnumerateArray().Single();
        facet.GetProperty("value").GetString().ShouldBe("policy");
        facet.GetProperty("selected").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task The_api_answers_with_kind_title_code_url_snippet_and_score()
    {
        using var client = Fixture.CreateClient();

        var api = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/search?q=GB%2055015", UriKind.Relative), Json, Ct);

        var first = api.GetProperty("results")[0];
        first.GetProperty("kind").GetString().ShouldBe("standard");
        first.GetProperty("code").GetString().ShouldBe("GB 55015-2021");
        first.GetProperty("url").GetString().ShouldBe("/standards/gb-55015-2021");
        first.TryGetProperty("snippetHtml", out _).ShouldBeTrue();
        first.GetProperty("score").GetDouble().ShouldBeGreaterThan(0);
        api.GetProperty("facets").GetProperty("year").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData("/search?q=%22")]
    [InlineData("/search?q=%26%7C!()%3A*")]
    [InlineData("/search?q=%27%3B%20DROP%20TABLE%20standards%3B%20--")]
    [InlineData("/search?q=carbon&page=-1")]
    [InlineData("/search?q=carbon&page=99999999999999999999")]
    [InlineData("/search?q=carbon&page=abc")]
    [InlineData("/search?q=carbon&sector=atlantis&kind=gadget&year=x")]
    [InlineData("/standards?level=nope&status=lost&sort=colour&page=-4")]
    [InlineData("/standards?q=%22")]
    [InlineData("/digest?period=month&month=2021-13")]
    [InlineData("/digest?period=custom&from=2022-02-30&to=x")]
    [InlineData("/api/search?q=%22&page=-1&kind=x")]
    public async Task Bad_input_is_answered_with_a_message_never_a_500(string path)
    {
        using var client = Fixture.CreateClient();

        var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body.ShouldNotContain("Exception");
        body.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task A_very_long_query_is_answered_and_shortened()
    {
        var (response, document) = await GetPageAsync("/search?q=" + string.Join("+", Enumerable.Repeat("carbon", 400)));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        document.QuerySelector(".notice")!.TextContent.ShouldContain("shortened");
    }

    [Fact]
    public async Task The_standards_finder_shows_counts_and_filter_links()
    {
        var (response, document) = await GetPageAsync("/standards?sector=construction");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        document.QuerySelector("#results-heading")!.TextContent.ShouldContain("4 standards");
        document.QuerySelectorAll("table.data tbody tr").Length.ShouldBe(4);
        document.QuerySelectorAll(".facets a").Select(a => a.GetAttribute("href")).ShouldContain("/standards?sector=construction&level=gbt");
    }

    [Fact]
    public async Task The_digest_lists_the_periods_policies_and_prints()
    {
        var (response, document) = await GetPageAsync("/digest?period=quarter&quarter=2021-Q4&sector=carbon");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        document.QuerySelector("h1")!.TextContent.ShouldContain("Q4 2021");
        document.QuerySelectorAll(".digest-entries a").Select(a => a.GetAttribute("href")).ShouldContain("/policies/carbon-peak-action-plan-before-2030");
    }

    [Fact]
    public async Task Sector_pages_show_the_latest_items_and_counts()
    {
        var (_, document) = await GetPageAsync("/sectors/ai");

        document.QuerySelectorAll("ol.latest li").Length.ShouldBe(8);
        document.QuerySelectorAll(".facet-counts .count").Select(c => c.TextContent).ShouldContain("36");
    }

    [Fact]
    public async Task Search_handler_is_the_one_behind_both()
    {
        var direct = await SendAsync(new SearchPortal.Query("cyber", Page: "1"));
        using var client = Fixture.CreateClient();
        var api = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/search?q=cyber&page=1", UriKind.Relative), Json, Ct);

        api.GetProperty("total").GetInt32().ShouldBe(direct.Total);
    }
}
