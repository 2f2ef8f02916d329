using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Policies;
using SesecPortal.IntegrationTests.Platform;

namespace SesecPortal.IntegrationTests.Policies;

/// <summary>Issue 15 §3: <c>/policies</c>, its filters, counts, sort and pages, its CSV, and the detail pages' way back to it.</summary>
public sealed class PolicyListTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    private const string DateOrder = "issued_on IS NULL, issued_on DESC, title, id";

    [Fact]
    public async Task Lists_every_policy_newest_first_with_undated_ones_last()
    {
        var result = await SendAsync(new FindPolicies.Query());

        result.Total.ShouldBe(await Sql.CountAsync(Fixture, "SELECT count(*) FROM policies"));
        result.Sort.ShouldBe("date");
        result.Policies.Select(p => p.Slug).ShouldBe(await Sql.TextsAsync(Fixture, $"SELECT slug FROM policies ORDER BY {DateOrder} LIMIT 25"));
        result.Policies[0].IssuedOn.ShouldBe("12 January 2022");
        result.Policies.SkipWhile(p => p.IssuedOn is not null).ShouldAllBe(p => p.IssuedOn == null);
        result.Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_filter_value_is_counted_as_sql_counts_it()
    {
        var result = await SendAsync(new FindPolicies.Query());

        Counts(result.Statuses).ShouldBe(await Sql.CountsAsync(Fixture, "SELECT status, count(*) FROM policies GROUP BY status"), ignoreOrder: true);
        Counts(result.Kinds).ShouldBe(await Sql.CountsAsync(Fixture, "SELECT kind, count(*) FROM policies GROUP BY kind"), ignoreOrder: true);
        Counts(result.Years).ShouldBe(await Sql.CountsAsync(Fixture,
            "SELECT extract(year FROM issued_on)::int::text, count(*) FROM policies WHERE issued_on IS NOT NULL GROUP BY 1"), ignoreOrder: true);
        Counts(result.Sectors).ShouldBe(await Sql.CountsAsync(Fixture,
            "SELECT s.slug, count(*) FROM policy_sectors ps JOIN sectors s ON s.id = ps.sectors_id GROUP BY s.slug"), ignoreOrder: true);
        Counts(result.Authorities).ShouldBe(await Sql.CountsAsync(Fixture,
            "SELECT o.slug, count(*) FROM policy_authority pa JOIN organisations o ON o.id = pa.organisation_id GROUP BY o.slug"), ignoreOrder: true);
    }

    [Fact]
    public async Task Filters_combine_and_each_filter_is_counted_within_the_others()
    {
        var result = await SendAsync(new FindPolicies.Query(Sector: ["cybersecurity"], Status: ["DraftForComments"]));

        const string inSector = "EXISTS (SELECT 1 FROM policy_sectors ps JOIN sectors s ON s.id = ps.sectors_id WHERE ps.policy_id = p.id AND s.slug = 'cybersecurity')";
        result.Policies.Select(p => p.Slug).ShouldBe(await Sql.TextsAsync(Fixture, $"SELECT slug FROM policies p WHERE {inSector} AND status = 'DraftForComments' ORDER BY {DateOrder}"));
        result.Policies.ShouldNotBeEmpty();
        result.Policies.ShouldAllBe(p => p.Status == "Draft for comments" && p.Sectors.Any(s => s.Slug == "cybersecurity"));
        // Statuses within the sector alone, so the other statuses stay in sight; kinds within both filters.
        Counts(result.Statuses).ShouldBe(await Sql.CountsAsync(Fixture, $"SELECT status, count(*) FROM policies p WHERE {inSector} GROUP BY status"), ignoreOrder: true);
        Counts(result.Kinds).ShouldBe(await Sql.CountsAsync(Fixture, $"SELECT kind, count(*) FROM policies p WHERE {inSector} AND status = 'DraftForComments' GROUP BY kind"), ignoreOrder: true);
        result.Statuses.Single(s => s.Value == "DraftForComments").Selected.ShouldBeTrue();
        result.Sectors.Single(s => s.Value == "cybersecurity").Selected.ShouldBeTrue();
    }

    [Fact]
    public async Task Filters_by_authority_kind_and_year()
    {
        var byAuthority = await SendAsync(new FindPolicies.Query(Authority: ["state-council"]));
        byAuthority.Policies.ShouldNotBeEmpty();
        byAuthority.Policies.ShouldAllBe(p => p.Authorities.Any(a => a.Slug == "state-council"));
        byAuthority.Total.ShouldBe(await Sql.CountAsync(Fixture,
            "SELECT count(*) FROM policy_authority pa JOIN organisations o ON o.id = pa.organisation_id WHERE o.slug = 'state-council'"));

        var byKind = await SendAsync(new FindPolicies.Query(Kind: ["fiveyearplan"]));
        byKind.Total.ShouldBe(await Sql.CountAsync(Fixture, "SELECT count(*) FROM policies WHERE kind = 'FiveYearPlan'"));
        byKind.Policies.ShouldAllBe(p => p.Kind == "Five-Year Plan");

        var byYear = await SendAsync(new FindPolicies.Query(Year: ["2021", "2022"]));
        byYear.Total.ShouldBe(await Sql.CountAsync(Fixture, "SELECT count(*) FROM policies WHERE issued_on >= DATE '2021-01-01' AND issued_on < DATE '2023-01-01'"));
        byYear.Years.Where(y => y.Selected).Select(y => y.Value).ShouldBe(["2022", "2021"]);
    }

    [Fact]
    public async Task Sorts_by_title()
    {
        var result = await SendAsync(new FindPolicies.Query(Sort: "Title"));

        result.Sort.ShouldBe("title");
        result.Policies.Select(p => p.Slug).ShouldBe(await Sql.TextsAsync(Fixture, "SELECT slug FROM policies ORDER BY title, id LIMIT 25"));
    }

    [Fact]
    public async Task Pages_hold_25_policies_and_a_page_beyond_the_last_shows_the_last()
    {
        await ExecuteAsync("""
            INSERT INTO policies (slug, title, kind, status, issued_on, issued_on_precision)
            SELECT 'extra-policy-' || n, 'Extra policy ' || lpad(n::text, 2, '0'), 'Measures', 'Final', DATE '2000-01-01' + n, 'Day'
            FROM generate_series(1, 20) n
            """);
        var total = await Sql.CountAsync(Fixture, "SELECT count(*) FROM policies");

        var second = await SendAsync(new FindPolicies.Query(Page: "2"));
        var beyond = await SendAsync(new FindPolicies.Query(Page: "99"));

        second.PageCount.ShouldBe(2);
        second.Page.ShouldBe(2);
        second.Policies.Count.ShouldBe(total - FindPolicies.PageSize);
        second.Policies.Select(p => p.Slug).ShouldBe(await Sql.TextsAsync(Fixture, $"SELECT slug FROM policies ORDER BY {DateOrder} OFFSET 25"));
        beyond.Page.ShouldBe(2);
        beyond.Messages.ShouldHaveSingleItem().ShouldBe("There are only 2 pages of results; showing the last.");
    }

    [Fact]
    public async Task Bad_filters_sorts_and_pages_are_ignored_with_a_message_each()
    {
        var result = await SendAsync(new FindPolicies.Query(
            Sector: ["atlantis"], Authority: ["nobody"], Kind: ["poem", "1"], Status: ["lost"], Year: ["soon"], Sort: "colour", Page: "first"));

        result.Total.ShouldBe(await Sql.CountAsync(Fixture, "SELECT count(*) FROM policies"));
        result.Page.ShouldBe(1);
        result.Sort.ShouldBe("date");
        result.Messages.Count.ShouldBe(8);
        result.Messages.ShouldContain("There is no kind of policy “1”; that filter was ignored.");
        result.Messages.ShouldContain("Policies cannot be sorted by “colour”; they are sorted by date, newest first.");
    }

    [Fact]
    public async Task The_page_lists_policies_with_their_authorities_status_and_sectors()
    {
        var (response, page) = await GetPageAsync("/policies");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.ShouldBe("Policies");
        page.QuerySelector("#results-heading")!.TextContent.ShouldBe("15 policies");
        var rows = page.QuerySelectorAll("table.data tbody tr");
        rows.Length.ShouldBe(15);
        var opinions = rows.Single(r => r.QuerySelector("a[href='/policies/opinions-strictly-regulating-energy-efficiency-key-areas']") is not null);
        opinions.TextContent.ShouldContain("18 October 2021");
        opinions.QuerySelector("a[href='/organisations/ndrc']").ShouldNotBeNull();
        opinions.QuerySelectorAll("td")[2].TextContent.ShouldBe("NDRC, NEA, MIIT, MEE, SAMR");
        opinions.QuerySelector("a[href='/sectors/carbon']").ShouldNotBeNull();
        opinions.TextContent.ShouldContain("Final");
        page.QuerySelector("header nav a[href='/policies']").ShouldNotBeNull("the site navigation links to the list");
    }

    [Fact]
    public async Task Bad_input_on_the_page_is_a_message_not_an_error()
    {
        var (response, page) = await GetPageAsync("/policies?year=soon&status=%3Cb%3E&page=-1&sort=x");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelectorAll(".notice li").Length.ShouldBe(4);
        page.QuerySelector("#results-heading")!.TextContent.ShouldBe("15 policies");
    }

    [Fact]
    public async Task A_policy_page_leads_back_to_the_list()
    {
        var (_, page) = await GetPageAsync("/policies/carbon-peak-action-plan-before-2030");

        page.QuerySelector("nav.breadcrumb a[href='/policies']")!.TextContent.ShouldBe("Policies");
    }

    [Fact]
    public async Task The_csv_link_carries_the_filters_and_the_csv_holds_the_same_rows()
    {
        var (_, page) = await GetPageAsync("/policies?sector=intelligent-manufacturing&status=Final&sort=title&page=1");
        var href = page.QuerySelector(".downloads a")!.GetAttribute("href")!;
        href.ShouldBe("/api/v1/policies.csv?sector=intelligent-manufacturing&status=Final&sort=title");
        var shown = page.QuerySelectorAll("table.data tbody tr td:nth-child(2) > a").Select(a => a.TextContent).ToList();

        using var client = Fixture.CreateClient();
        using var csv = await client.GetAsync(new Uri(href, UriKind.Relative), Ct);

        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        csv.Content.Headers.ContentDisposition!.ToString().ShouldContain("policies.csv");
        var lines = (await csv.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("issued_on,title,kind,status,authorities,sectors,url,title_zh,version,previous_version,versions");
        lines.Length.ShouldBe(shown.Count + 1);
        shown.ShouldNotBeEmpty();
        for (var i = 0; i < shown.Count; i++)
        {
            lines[i + 1].ShouldContain(shown[i]);
            lines[i + 1].ShouldContain(",Final,");
        }
    }

    [Fact]
    public async Task A_title_that_looks_like_a_formula_is_written_as_text()
    {
        await ExecuteAsync("INSERT INTO policies (slug, title, kind, status, issued_on_precision) VALUES ('formula', '=HYPERLINK(\"http://example.com\")', 'Law', 'Final', 'Day')");

        using var client = Fixture.CreateClient();
        var text = await client.GetStringAsync(new Uri("/api/v1/policies.csv?kind=Law", UriKind.Relative), Ct);

        text.ShouldContain("HYPERLINK");
        text.ShouldNotContain(",=HYPERLINK");
        text.ShouldNotContain(",\"=HYPERLINK");
    }

    [Fact]
    public async Task An_edit_shows_on_the_cached_list_at_once()
    {
        using var client = Fixture.CreateClient();
        (await client.GetStringAsync(new Uri("/policies", UriKind.Relative), Ct)).ShouldContain("Carbon Emission Peak Action Plan before 2030");

        var id = await ScalarAsync<int>("SELECT id FROM policies WHERE slug = 'carbon-peak-action-plan-before-2030'");
        using (Fixture.ActAs("editor@example.com", Roles.Editor))
        {
            await using var scope = Fixture.CreateScope();
            var sender = scope.ServiceProvider.GetRequiredService<Mediator.ISender>();
            var form = (await sender.Send(new EditPolicy.Query(id), Ct))!;
            form.Title = "Carbon Emission Peak Action Plan, as edited";
            await sender.Send(form, Ct);
        }

        var after = await client.GetStringAsync(new Uri("/policies", UriKind.Relative), Ct);
        after.ShouldContain("Carbon Emission Peak Action Plan, as edited");
        after.ShouldNotContain("Carbon Emission Peak Action Plan before 2030");
    }

    private static List<(string, int)> Counts(IEnumerable<Application.Common.FacetValue> values) => [.. values.Select(v => (v.Value, v.Count))];

    private Task<T> ScalarAsync<T>(string sql) => ScaleOutTests.ScalarAsync<T>(Fixture.Database.ConnectionString, sql);

    private Task ExecuteAsync(string sql) => ScaleOutTests.ExecuteAsync(Fixture.Database.ConnectionString, sql);
}
