using System.Net;

namespace SesecPortal.IntegrationTests.Platform;

/// <summary>What every page carries (the wordmark, the footer) and the pages the footer leads to; the home page's first screen.</summary>
public sealed class SiteChromeTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    public static TheoryData<string, string, string> StaticPages => new()
    {
        { "/about", "About SESEC and this portal", "demonstration" },
        { "/privacy", "Privacy", "no analytics" },
        { "/accessibility", "Accessibility statement", "axe-core" },
    };

    [Fact]
    public async Task The_footer_links_to_about_contact_data_licence_privacy_and_the_accessibility_statement()
    {
        var (_, document) = await GetPageAsync("/standards");

        var footer = document.QuerySelector("footer.site-footer").ShouldNotBeNull();
        var links = footer.QuerySelectorAll("a").ToDictionary(a => a.TextContent.Trim(), a => a.GetAttribute("href"));
        links["About SESEC and this portal"].ShouldBe("/about");
        links["Contact"].ShouldBe("/about#contact");
        links["Open data and licence"].ShouldBe("/data");
        links["Privacy"].ShouldBe("/privacy");
        links["Accessibility statement"].ShouldBe("/accessibility");
        footer.TextContent.ShouldContain("demonstration portal built from the SESEC China Standardisation Newsletter");
    }

    [Fact]
    public async Task The_footer_links_land_on_their_sections()
    {
        var (_, about) = await GetPageAsync("/about");

        about.GetElementById("contact").ShouldNotBeNull().TextContent.ShouldBe("Contact");
        about.GetElementById("data").ShouldNotBeNull().TextContent.ShouldBe("Open data and licence");
    }

    [Theory]
    [MemberData(nameof(StaticPages))]
    public async Task A_static_page_answers_with_its_heading_and_the_footer(string path, string heading, string says)
    {
        var (response, document) = await GetPageAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        document.QuerySelectorAll("h1").Select(h => h.TextContent.Trim()).ShouldBe([heading]);
        document.Title.ShouldBe($"{heading} · SesecPortal");
        document.QuerySelector("main")!.TextContent.ShouldContain(says);
        document.QuerySelector("footer.site-footer a[href='/accessibility']").ShouldNotBeNull();
    }

    [Fact]
    public async Task The_static_pages_invent_no_contact_details()
    {
        foreach (var path in new[] { "/about", "/privacy", "/accessibility" })
        {
            var (_, document) = await GetPageAsync(path);
            var main = document.QuerySelector("main")!;
            main.QuerySelectorAll("a[href^='mailto:'], a[href^='tel:']").ShouldBeEmpty(path);
            main.TextContent.ShouldNotContain("@", Case.Sensitive, path);
        }
    }

    [Fact]
    public async Task The_wordmark_leads_home_on_every_page()
    {
        var (_, document) = await GetPageAsync("/about");

        var brand = document.QuerySelector("header.site-header a.brand").ShouldNotBeNull();
        brand.GetAttribute("href").ShouldBe("/");
        brand.TextContent.ShouldContain("SesecPortal");
        brand.QuerySelector("svg")!.GetAttribute("aria-hidden").ShouldBe("true");
    }

    [Fact]
    public async Task The_home_pages_first_section_says_what_the_portal_is_and_where_to_go()
    {
        var (_, document) = await GetPageAsync("/");

        var first = document.QuerySelector("main > section").ShouldNotBeNull();
        first.ClassList.ShouldContain("intro");
        first.QuerySelector("h1").ShouldNotBeNull().TextContent.ShouldNotBeEmpty();
        first.TextContent.ShouldContain("SESEC China Standardisation Newsletter");
        first.QuerySelector("a[href='/issues/december-2021-january-2022']").ShouldNotBeNull("the latest issue");
        first.QuerySelector("form[action='/search'] input[name='q']").ShouldNotBeNull("search");
        var waysIn = first.QuerySelectorAll("nav .ways-in a").Select(a => a.GetAttribute("href")).ToList();
        waysIn.ShouldBe(["/policies", "/standards", "/working-groups"]);
        first.QuerySelector(".takeaways").ShouldBeNull("the takeaways come after the first screen");
    }

    [Fact]
    public async Task The_home_page_keeps_the_latest_issues_takeaways_below_the_first_section()
    {
        var (_, document) = await GetPageAsync("/");

        var takeaways = document.QuerySelector("main > section[aria-labelledby='takeaways']").ShouldNotBeNull();
        takeaways.QuerySelectorAll(".takeaways li").Length.ShouldBe(11);
        takeaways.TextContent.ShouldContain("China Meets Europe: SESEC Presented at Hamburg Summit");
    }

    [Fact]
    public async Task The_data_page_says_what_the_api_feeds_exports_and_licence_are_and_every_link_it_gives_answers()
    {
        var (response, document) = await GetPageAsync("/data");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        document.QuerySelector("h1")!.TextContent.ShouldBe("Open data: the API, feeds and downloads");
        document.QuerySelectorAll("main h2").Select(h => h.TextContent).ShouldBe(["Downloads (CSV)", "The read API (JSON)", "Feeds", "Everything at once", "Licence"]);
        using var client = Fixture.CreateClient();
        foreach (var href in document.QuerySelectorAll("main a[type]").Select(a => a.GetAttribute("href")!))
        {
            var linked = await client.GetAsync(new Uri(href, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, Ct);
            linked.StatusCode.ShouldBe(HttpStatusCode.OK, href);
        }
    }

    [Theory]
    [InlineData("/standards?sector=ict&status=InForce", "/api/v1/standards.csv?sector=ict&status=InForce")]
    [InlineData("/search?q=carbon&kind=policy", "/api/v1/search.csv?q=carbon&kind=policy")]
    public async Task The_finder_and_search_link_their_downloads_with_the_pages_filters(string page, string csv)
    {
        var (_, document) = await GetPageAsync(page);

        var links = document.QuerySelectorAll(".downloads a").Select(a => a.GetAttribute("href")).ToList();
        links.ShouldContain(csv);
        using var client = Fixture.CreateClient();
        var download = await client.GetAsync(new Uri(csv, UriKind.Relative), Ct);
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
    }
}
