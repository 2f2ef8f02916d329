using System.Net;
using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.OpenData;
using SesecPortal.Application.Features.Search;

namespace SesecPortal.IntegrationTests.Standards;

/// <summary>
/// ICS and CCS beyond the finder: <c>/search</c>'s filters and counts (and its JSON), Atom categories and a feed per ICS
/// group, the sitemap's ICS pages, and the issue's print edition.
/// </summary>
public sealed class ClassificationReachTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    private static string Line(string id, string code, string ics, string ccs) =>
        $$"""{"type":"standard","id":"{{id}}","code":"{{code}}","title":"Classified standard {{id}}","slug":"{{id}}-std","status":"effective","published_on":"2025-0{{id[^1]}}-01","sectors":["ict"],"ics":{{ics}},"ccs":"{{ccs}}"}""";

    private async Task ImportThreeAsync()
    {
        var lines = string.Join("\n",
            Line("ics1", "GB/T 90001-2022", """["35.240.30"]""", "L80"),
            Line("ics2", "GB/T 90002-2022", """["35.240", "13.020"]""", "L67"),
            Line("ics3", "GB/T 90003-2022", """["13.020.10"]""", "Z04")) + "\n";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(lines));
        using var _ = Fixture.ActAs("editor@example.com", Roles.Editor);
        (await SendAsync(new ImportContent.Command(stream))).Errors.ShouldBeEmpty();
    }

    private async Task<T> WithDbAsync<T>(Func<PortalDbContext, Task<T>> query)
    {
        await using var scope = Fixture.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    private static List<string> Counts(IReadOnlyList<Application.Common.FacetValue> values) => [.. values.Select(v => $"{v.Value} {v.Count}{(v.Selected ? " selected" : "")}")];

    [Fact]
    public async Task Search_counts_standards_by_ICS_field_and_CCS_class_over_every_match()
    {
        await ImportThreeAsync();

        var result = await SendAsync(new SearchPortal.Query("classified standard"));

        Counts(result.Facets.Ics).ShouldBe(["13 2", "35 2"]);
        Counts(result.Facets.Ccs).ShouldBe(["L 2", "Z 1"]);
        result.Facets.Ccs[0].Label.ShouldContain("电子元器件与信息技术");
    }

    [Fact]
    public async Task A_search_ICS_filter_includes_the_sub_groups_and_its_counts_match_SQL()
    {
        await ImportThreeAsync();

        var group = await SendAsync(new SearchPortal.Query("", Ics: ["35.240"]));

        group.Hits.Select(h => h.Url).ShouldBe(["/standards/ics2-std", "/standards/ics1-std"], ignoreOrder: true);
        group.Applied.Ics.ShouldBe(["35.240"]);
        Counts(group.Facets.Ics).ShouldBe(["35.240 2 selected", "35.240.30 1"]);
        var sqlCount = await WithDbAsync(db => db.Standards.CountAsync(s => s.Ics.Any(g => g.Code == "13" || g.Code.StartsWith("13.")), Ct));
        (await SendAsync(new SearchPortal.Query("", Ics: ["13"]))).Total.ShouldBe(sqlCount);
        var classL = await WithDbAsync(db => db.Standards.CountAsync(s => s.CcsCode != null && EF.Functions.Like(s.CcsCode, "L%"), Ct));
        (await SendAsync(new SearchPortal.Query("", Ccs: ["l"]))).Total.ShouldBe(classL);
        (await SendAsync(new SearchPortal.Query("", Ics: ["13"], Ccs: ["Z"]))).Hits.Single().Url.ShouldBe("/standards/ics3-std");
    }

    [Fact]
    public async Task Unknown_ICS_groups_and_CCS_classes_on_search_are_reported_and_ignored()
    {
        var plain = await SendAsync(new SearchPortal.Query("carbon"));

        var result = await SendAsync(new SearchPortal.Query("carbon", Ics: ["99.999"], Ccs: ["I"]));

        result.Messages.ShouldContain("There is no ICS group “99.999”; that filter was ignored.");
        result.Messages.ShouldContain("There is no CCS class “I”; that filter was ignored.");
        result.Total.ShouldBe(plain.Total);
        result.Applied.Any.ShouldBeFalse();
        var (response, page) = await GetPageAsync("/search?q=carbon&ics=%3Cb%3Ex&ccs=L80");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("[role=status]")!.TextContent.ShouldContain("<b>x");
        page.QuerySelector("#q")!.GetAttribute("value").ShouldBe("carbon");
    }

    [Fact]
    public async Task The_search_page_and_its_JSON_offer_ICS_and_CCS_filters_that_go_down_the_tree()
    {
        await ImportThreeAsync();

        var (_, page) = await GetPageAsync("/search?q=classified+standard");
        var field = page.QuerySelectorAll("section[aria-labelledby=facet-ics] a").Single(a => a.TextContent.Contains("35 ", StringComparison.Ordinal));
        field.GetAttribute("href").ShouldBe("/search?q=classified%20standard&ics=35");
        page.QuerySelector("section[aria-labelledby=facet-ccs] a[href*='ccs=Z']").ShouldNotBeNull();

        var (_, down) = await GetPageAsync("/search?q=classified+standard&ics=35");
        down.QuerySelectorAll("ol.hits h3 a").Select(a => a.GetAttribute("href")).ShouldBe(["/standards/ics1-std", "/standards/ics2-std"], ignoreOrder: true);
        var group = down.QuerySelectorAll("section[aria-labelledby=facet-ics] a").Single(a => a.TextContent.Contains("35.240 ", StringComparison.Ordinal));
        group.GetAttribute("href").ShouldBe("/search?q=classified%20standard&ics=35.240", "a group replaces the field it is below");
        down.QuerySelector("section[aria-labelledby=facet-ics] a[aria-current=true]")!.TextContent.ShouldContain("35 ");
        down.QuerySelector("form[role=search] input[type=hidden][name=ics]")!.GetAttribute("value").ShouldBe("35");

        using var client = Fixture.CreateClient();
        var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/search?q=classified+standard&ccs=Z", UriKind.Relative), Ct)).RootElement;
        json.GetProperty("total").GetInt32().ShouldBe(1);
        json.GetProperty("facets").GetProperty("ics").EnumerateArray().Select(v => v.GetProperty("value").GetString()).ShouldBe(["13"]);
        json.GetProperty("facets").GetProperty("ccs").EnumerateArray().Single().GetProperty("selected").GetBoolean().ShouldBeTrue();
    }

    private async Task<SyndicationFeed> FeedAsync(string path)
    {
        using var client = Fixture.CreateClient();
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        await using var stream = await response.Content.ReadAsStreamAsync(Ct);
        using var reader = XmlReader.Create(stream);
        var formatter = new Atom10FeedFormatter();
        formatter.ReadFrom(reader);
        return formatter.Feed;
    }

    private static List<string> Categories(SyndicationItem item, string scheme) =>
        [.. item.Categories.Where(c => c.Scheme?.EndsWith($":{scheme}", StringComparison.Ordinal) == true).Select(c => c.Name)];

    [Fact]
    public async Task Atom_entries_of_standards_carry_their_ICS_and_CCS_as_categories()
    {
        await ImportThreeAsync();

        var all = await FeedAsync("/feeds/all.atom");
        var two = all.Items.Single(i => i.Links[0].Uri.AbsolutePath == "/standards/ics2-std");
        Categories(two, "ics").ShouldBe(["13.020", "35.240"]);
        Categories(two, "ccs").ShouldBe(["L67"]);
        two.Categories.Single(c => c.Name == "35.240").Label.ShouldBe("35.240 Applications of information technology");
        two.Categories.ShouldContain(c => c.Name == "standard" && c.Scheme == null, "the kind stays the first category");

        var life = await FeedAsync("/feeds/standards/ics1-std.atom");
        life.Items.ShouldNotBeEmpty();
        foreach (var entry in life.Items)
        {
            Categories(entry, "ics").ShouldBe(["35.240.30"], entry.Title.Text);
        }
    }

    [Fact]
    public async Task An_ICS_group_has_a_feed_of_its_newest_standards_including_its_sub_groups()
    {
        await ImportThreeAsync();

        var feed = await FeedAsync("/feeds/ics/35.240.atom");

        feed.Title.Text.ShouldBe("SesecPortal: ICS 35.240 Applications of information technology");
        feed.Items.Select(i => i.Links[0].Uri.AbsolutePath).ShouldBe(["/standards/ics2-std", "/standards/ics1-std"], "newest first");
        using var client = Fixture.CreateClient();
        (await client.GetAsync(new Uri("/feeds/ics/99.999.atom", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await FeedAsync("/feeds/ics/01.atom")).Items.ShouldBeEmpty();
        var (_, page) = await GetPageAsync("/ics/35.240");
        page.QuerySelector("link[rel=alternate][type='application/atom+xml']")!.GetAttribute("href").ShouldBe("/feeds/ics/35.240.atom");
    }

    private async Task<List<string>> SitemapPathsAsync(string path)
    {
        using var client = Fixture.CreateClient();
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return [.. xml.Descendants(XName.Get("loc", "http://www.sitemaps.org/schemas/sitemap/0.9")).Select(l => new Uri(l.Value).AbsolutePath)];
    }

    [Fact]
    public async Task The_sitemap_lists_ICS_pages_only_for_groups_that_hold_standards()
    {
        (await SitemapPathsAsync("/sitemap.xml")).ShouldNotContain("/sitemaps/ics/1.xml", "the seed classifies no standard by ICS");
        (await SitemapPathsAsync("/sitemaps/pages/1.xml")).ShouldContain("/ics");

        await ImportThreeAsync();

        (await SitemapPathsAsync("/sitemap.xml")).ShouldContain("/sitemaps/ics/1.xml");
        (await SitemapPathsAsync("/sitemaps/ics/1.xml")).ShouldBe(
            ["/ics/13", "/ics/13.020", "/ics/13.020.10", "/ics/35", "/ics/35.240", "/ics/35.240.30"]);
    }

    [Fact]
    public async Task The_print_edition_lists_each_articles_standards_with_their_titles_ICS_and_CCS()
    {
        var (issue, standardId) = await WithDbAsync(async db =>
        {
            var article = await db.Articles.Where(a => a.Status == PublicationStatus.Published && a.Section != null
                    && a.Section.Issue!.Status == PublicationStatus.Published && a.Standards.Any())
                .OrderBy(a => a.Id).Select(a => new { Issue = a.Section!.Issue!.Slug, Standard = a.Standards.OrderBy(s => s.NormalizedCode).First().Id })
                .FirstAsync(Ct);
            return (article.Issue, article.Standard);
        });
        await WithDbAsync(async db =>
        {
            var standard = await db.Standards.Include(s => s.Ics).SingleAsync(s => s.Id == standardId, Ct);
            standard.Ics.Add(await db.IcsGroups.SingleAsync(g => g.Code == "35.240.30", Ct));
            standard.CcsCode = "L80";
            standard.TitleZh ??= "信息技术 测试";
            return await db.SaveChangesAsync(Ct);
        });
        var expected = await WithDbAsync(db => db.Standards.Where(s => s.Id == standardId).Select(s => new { s.Slug, s.Code, s.TitleZh }).SingleAsync(Ct));

        var (response, page) = await GetPageAsync($"/issues/{issue}/print");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var item = page.QuerySelectorAll(".print-standards li").First(li => li.QuerySelector("a")!.GetAttribute("href") == $"/standards/{expected.Slug}");
        item.TextContent.ShouldContain("ICS 35.240.30");
        item.TextContent.ShouldContain("CCS L80");
        item.QuerySelector("[lang=zh]")!.TextContent.ShouldBe(expected.TitleZh);
        if (expected.Code is not null)
        {
            item.QuerySelector(".code")!.TextContent.ShouldBe(expected.Code);
        }
    }
}
