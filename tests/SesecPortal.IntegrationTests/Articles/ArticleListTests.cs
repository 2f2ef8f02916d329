using System.Net;
using SesecPortal.Application.Features.Articles;
using SesecPortal.IntegrationTests.Platform;

namespace SesecPortal.IntegrationTests.Articles;

/// <summary>Issue 15 §3: <c>/articles</c>, published articles only, its filters, counts, sorts, pages and CSV.</summary>
public sealed class ArticleListTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    private const string Date = "COALESCE(event_date, published_on)";
    private const string Published = "status = 'Published'";

    [Fact]
    public async Task Lists_published_articles_only_newest_first()
    {
        await ScaleOutTests.ExecuteAsync(Fixture.Database.ConnectionString, """
            INSERT INTO articles (slug, title, summary, body, status, event_date, event_date_precision, created_at, tags, position)
            VALUES ('a-draft', 'A draft nobody may read yet', 'Draft.', 'Draft.', 'Draft', DATE '2030-01-01', 'Day', now(), '{}', 0)
            """);

        var result = await SendAsync(new FindArticles.Query());

        result.Total.ShouldBe(await Sql.CountAsync(Fixture, $"SELECT count(*) FROM articles WHERE {Published}"));
        result.Total.ShouldBeGreaterThan(0);
        result.Sort.ShouldBe("newest");
        result.Articles.Select(a => a.Slug).ShouldNotContain("a-draft");
        result.Articles.Select(a => a.Slug).ShouldBe(await Sql.TextsAsync(Fixture,
            $"SELECT slug FROM articles WHERE {Published} ORDER BY {Date} IS NULL, {Date} DESC, title, id LIMIT 25"));
        result.Articles[0].Issue!.Slug.ShouldBe("december-2021-january-2022");
    }

    [Fact]
    public async Task Sorts_oldest_first_and_by_title()
    {
        var oldest = await SendAsync(new FindArticles.Query(Sort: "oldest"));
        var byTitle = await SendAsync(new FindArticles.Query(Sort: "title"));

        oldest.Articles.Select(a => a.Slug).ShouldBe(await Sql.TextsAsync(Fixture,
            $"SELECT slug FROM articles WHERE {Published} ORDER BY {Date} IS NULL, {Date}, title, id LIMIT 25"));
        byTitle.Articles.Select(a => a.Slug).ShouldBe(await Sql.TextsAsync(Fixture, $"SELECT slug FROM articles WHERE {Published} ORDER BY title, id LIMIT 25"));
    }

    [Fact]
    public async Task Every_filter_value_is_counted_as_sql_counts_it()
    {
        var result = await SendAsync(new FindArticles.Query());

        Counts(result.Sectors).ShouldBe(await Sql.CountsAsync(Fixture,
            $"SELECT s.slug, count(*) FROM articles a JOIN article_sectors x ON x.article_id = a.id JOIN sectors s ON s.id = x.sectors_id WHERE a.{Published} GROUP BY s.slug"), ignoreOrder: true);
        Counts(result.Years).ShouldBe(await Sql.CountsAsync(Fixture,
            $"SELECT extract(year FROM {Date})::int::text, count(*) FROM articles WHERE {Published} AND {Date} IS NOT NULL GROUP BY 1"), ignoreOrder: true);
        Counts(result.Issues).ShouldBe(await Sql.CountsAsync(Fixture,
            $"SELECT i.slug, count(*) FROM articles a JOIN issue_sections s ON s.id = a.section_id JOIN newsletter_issues i ON i.id = s.issue_id WHERE a.{Published} GROUP BY i.slug"), ignoreOrder: true);
        Counts(result.Tags).ShouldBe(await Sql.CountsAsync(Fixture, $"SELECT t, count(*) FROM articles, unnest(tags) t WHERE {Published} GROUP BY t"), ignoreOrder: true);
        result.Tags.ShouldContain(t => t.Value == "Key data");
    }

    [Fact]
    public async Task Filters_by_sector_tag_and_year()
    {
        var bySector = await SendAsync(new FindArticles.Query(Sector: ["carbon"]));
        bySector.Articles.ShouldNotBeEmpty();
        bySector.Articles.ShouldAllBe(a => a.Sectors.Any(s => s.Slug == "carbon"));
        bySector.Sectors.Single(s => s.Value == "carbon").Selected.ShouldBeTrue();

        var byTag = await SendAsync(new FindArticles.Query(Tag: ["Key data"]));
        byTag.Total.ShouldBe(await Sql.CountAsync(Fixture, $"SELECT count(*) FROM articles WHERE {Published} AND 'Key data' = ANY (tags)"));
        byTag.Articles.ShouldAllBe(a => a.Tags.Contains("Key data"));

        var byYear = await SendAsync(new FindArticles.Query(Year: ["2021"], Issue: ["december-2021-january-2022"]));
        byYear.Total.ShouldBe(await Sql.CountAsync(Fixture, $"""
            SELECT count(*) FROM articles a JOIN issue_sections s ON s.id = a.section_id JOIN newsletter_issues i ON i.id = s.issue_id
            WHERE a.{Published} AND extract(year FROM COALESCE(a.event_date, a.published_on)) = 2021 AND i.slug = 'december-2021-january-2022'
            """));
        byYear.Issues.ShouldHaveSingleItem().Selected.ShouldBeTrue();
    }

    [Fact]
    public async Task Bad_filters_sorts_and_pages_are_ignored_with_a_message_each()
    {
        var result = await SendAsync(new FindArticles.Query(Sector: ["atlantis"], Issue: ["no-such-issue"], Year: ["1066AD"], Tag: ["#nothing"], Sort: "colour", Page: "0"));

        result.Total.ShouldBe(await Sql.CountAsync(Fixture, $"SELECT count(*) FROM articles WHERE {Published}"));
        result.Sort.ShouldBe("newest");
        result.Page.ShouldBe(1);
        result.Messages.Count.ShouldBe(6);
        result.Messages.ShouldContain("There is no tag “#nothing”; that filter was ignored.");
    }

    [Fact]
    public async Task The_page_lists_articles_and_links_its_csv_with_the_filters()
    {
        var (response, page) = await GetPageAsync("/articles?sector=carbon&sort=oldest");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.ShouldBe("Articles");
        var titles = page.QuerySelectorAll(".article-list h3 a").Select(a => a.TextContent).ToList();
        titles.ShouldNotBeEmpty();
        page.QuerySelector("#results-heading")!.TextContent.ShouldBe($"{titles.Count} article{(titles.Count == 1 ? "" : "s")}");
        page.QuerySelector("header nav a[href='/articles']").ShouldNotBeNull("the site navigation links to the list");
        var href = page.QuerySelector(".downloads a")!.GetAttribute("href")!;
        href.ShouldBe("/api/v1/articles.csv?sector=carbon&sort=oldest");

        using var client = Fixture.CreateClient();
        using var csv = await client.GetAsync(new Uri(href, UriKind.Relative), Ct);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = (await csv.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("date,title,issue,sectors,tags,url");
        lines.Length.ShouldBe(titles.Count + 1);
        for (var i = 0; i < titles.Count; i++)
        {
            lines[i + 1].ShouldContain(titles[i].Replace("\"", "\"\"", StringComparison.Ordinal));
            lines[i + 1].ShouldContain("Carbon emission");
        }
    }

    [Fact]
    public async Task An_article_page_leads_back_to_the_list()
    {
        var (_, page) = await GetPageAsync("/articles/2022-annual-plan-and-updates-of-chinese-ai-standards-formulation");

        var links = page.QuerySelectorAll("nav.breadcrumb a").Select(a => a.GetAttribute("href")).ToList();
        links[0].ShouldBe("/");
        links[1].ShouldBe("/articles");
        links.ShouldContain("/issues/december-2021-january-2022");
    }

    private static List<(string, int)> Counts(IEnumerable<Application.Common.FacetValue> values) => [.. values.Select(v => (v.Value, v.Count))];
}
