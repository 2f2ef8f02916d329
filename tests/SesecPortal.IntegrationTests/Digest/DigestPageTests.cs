using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Policies;

namespace SesecPortal.IntegrationTests.Digest;

/// <summary>The digest page and its CSV over HTTP: the same rows, the page's filters in the download link, bad input answered.</summary>
public sealed class DigestPageTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    private static readonly string[] Header =
        ["sector", "authority", "kind", "title", "date", "published_on", "status", "authorities", "sectors", "source", "url", "articles", "article_urls",
         "title_zh", "version", "versions"];

    [Fact]
    public async Task The_csv_has_a_header_row_and_one_row_per_entry_of_the_page_in_its_order()
    {
        const string query = "?period=quarter&quarter=2021-Q4&sector=carbon";
        var (_, page) = await GetPageAsync("/digest" + query);
        using var client = Fixture.CreateClient();

        var response = await client.GetAsync(new Uri("/digest.csv" + query, UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentType.CharSet.ShouldBe("utf-8");
        response.Content.Headers.ContentDisposition!.ToString().ShouldContain("digest.csv");
        var rows = ParseCsv(await response.Content.ReadAsStringAsync(Ct));
        rows[0].ShouldBe(Header);
        var urls = page.QuerySelectorAll(".digest-entry h4 a").Select(a => a.GetAttribute("href")).ToList();
        urls.ShouldNotBeEmpty();
        rows.Skip(1).Select(r => r[10]).ShouldBe(urls);
        var plan = rows.Single(r => r[10] == "/policies/carbon-peak-action-plan-before-2030");
        plan[..7].ShouldBe(["Carbon emission", "State Council", "policy", "Carbon Emission Peak Action Plan before 2030", "2021-10-26", "", "Final"]);
        plan[9].ShouldBe("http://www.gov.cn/zhengce/content/2021-10/26/content_5644984.htm");
        plan[12].ShouldBe("/articles/action-plan-for-carbon-emission-peak-before-2030-put-forward-in-china");
    }

    [Fact]
    public async Task The_download_link_carries_the_pages_period_filters_and_grouping()
    {
        var (response, page) = await GetPageAsync("/digest?period=quarter&quarter=2021-Q4&sector=carbon&authority=ndrc&group=authority");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var link = page.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Download CSV");
        link.GetAttribute("href").ShouldBe("/digest.csv?period=quarter&quarter=2021-Q4&sector=carbon&authority=ndrc&group=authority");
        page.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "sector, then authority").GetAttribute("href")
            .ShouldBe("/digest?period=quarter&quarter=2021-Q4&sector=carbon&authority=ndrc");
        using var client = Fixture.CreateClient();
        var rows = ParseCsv(await client.GetStringAsync(new Uri(link.GetAttribute("href")!, UriKind.Relative), Ct));
        rows.Skip(1).Select(r => r[10]).ShouldBe(["/policies/opinions-strictly-regulating-energy-efficiency-key-areas"]);
    }

    [Fact]
    public async Task The_issue_digest_page_groups_by_sector_and_prints_each_source_address()
    {
        var (_, page) = await GetPageAsync("/digest");

        page.QuerySelector("h1")!.TextContent.ShouldContain("December 2021 – January 2022");
        page.QuerySelector("main .meta")!.TextContent.ShouldContain("everything the issue covers");
        page.QuerySelectorAll(".digest-group h2").Select(h => h.TextContent).ShouldContain(t => t.StartsWith("Carbon emission", StringComparison.Ordinal));
        var source = page.QuerySelectorAll("a.source-url").Single(a => a.GetAttribute("href") == "http://www.gov.cn/zhengce/content/2021-10/26/content_5644984.htm");
        source.TextContent.ShouldBe(source.GetAttribute("href"), "the address itself is shown, so it prints");
        page.QuerySelectorAll(".digest-entry h4 a").Select(a => a.GetAttribute("href"))
            .ShouldNotContain("/articles/action-plan-for-carbon-emission-peak-before-2030-put-forward-in-china", "the article is folded into its policy");
        page.QuerySelectorAll(".undated").Select(u => u.TextContent).ShouldContain(t => t.Contains("No event date; published on 31 January 2022", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/digest?group=colour", "“colour” is not a way to group the digest")]
    [InlineData("/digest?period=issue&issue=no-such-issue", "There is no issue “no-such-issue”")]
    public async Task Bad_input_gets_the_default_digest_with_a_message_never_a_500(string path, string message)
    {
        var (response, page) = await GetPageAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector(".notice")!.TextContent.ShouldContain(message);
        page.QuerySelector("h1")!.TextContent.ShouldContain("December 2021 – January 2022");
    }

    [Fact]
    public async Task Bad_input_to_the_csv_gets_the_default_digests_rows_never_a_500()
    {
        using var client = Fixture.CreateClient();

        var response = await client.GetAsync(new Uri("/digest.csv?group=colour&period=weekly&sector=atlantis&issue=%00", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var rows = ParseCsv(await response.Content.ReadAsStringAsync(Ct));
        rows[0].ShouldBe(Header);
        rows.Skip(1).Select(r => r[10]).ShouldContain("/policies/carbon-peak-action-plan-before-2030");
    }

    [Fact]
    public async Task The_csv_is_cached_like_the_page_and_evicted_when_a_policy_changes()
    {
        using var client = Fixture.CreateClient();
        var path = new Uri("/digest.csv?period=month&month=2021-10", UriKind.Relative);
        (await client.GetStringAsync(path, Ct)).ShouldContain("Carbon Emission Peak Action Plan before 2030");
        int id;
        await using (var db = Fixture.Database.CreateDbContext())
        {
            id = await db.Policies.Where(p => p.Slug == "carbon-peak-action-plan-before-2030").Select(p => p.Id).SingleAsync(Ct);
        }

        var form = (await SendAsync(new EditPolicy.Query(id))).ShouldNotBeNull();
        form.Title = "Carbon Emission Peak Action Plan before 2030 (revised)";
        using (Fixture.ActAs("editor@example.com", Roles.Editor))
        {
            await using var scope = Fixture.CreateScope();
            await scope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(form, Ct);
        }

        // The cache follows the change log, so eviction may come a moment after the command returns.
        var csv = await client.GetStringAsync(path, Ct);
        for (var i = 0; i < 75 && !csv.Contains("(revised)", StringComparison.Ordinal); i++)
        {
            await Task.Delay(200, Ct);
            csv = await client.GetStringAsync(path, Ct);
        }

        csv.ShouldContain("Carbon Emission Peak Action Plan before 2030 (revised)", Case.Sensitive, "the change evicts the cached CSV");
    }

    /// <summary>RFC 4180: fields separated by commas, quoted when they hold a comma, a quote or a line break; rows end in CRLF.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = text.StartsWith('\uFEFF') ? 1 : 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else
            {
                c.ShouldNotBe('\n', "rows end in CRLF");
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add([.. row]);
        }

        return rows;
    }
}
