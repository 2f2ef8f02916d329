using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;
using SesecPortal.TestSupport;

namespace SesecPortal.IntegrationTests.Platform;

/// <summary>Every public page, served by Kestrel, renders the seed's content.</summary>
public sealed partial class PageTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    public static TheoryData<string, string> PagesAndWhatTheyShow => new()
    {
        { "/", "December 2021 – January 2022" },
        { "/issues", "December 2021 – January 2022" },
        { "/issues/december-2021-january-2022", "Special report" },
        { "/articles/china-to-strictly-regulate-energy-efficiency", "Several Opinions on Strictly Regulating Energy Efficiency" },
        { "/sectors", "Cybersecurity & digital identity" },
        { "/sectors/intelligent-manufacturing", "China Intelligent Manufacturing Standardisation Guideline" },
        { "/policies/carbon-peak-action-plan-before-2030", "Carbon Emission Peak Action Plan before 2030" },
        { "/standards/gb-55015-2021", "General Specification of Energy Efficiency and Renewable Resources Utilisation in Construction Sector" },
        { "/standards/t-cesa-1026-2018", "T/CESA 1026—2018" },
        { "/working-groups", "Knowledge Graph Work Group" },
        { "/working-groups/tc28-sc42-knowledge-graph", "IEEE P2807" },
        { "/organisations", "Cyberspace Administration of China" },
        { "/organisations/cac", "Measures on Security Assessment of Cross-border Data Transfer" },
    };

    [Theory]
    [MemberData(nameof(PagesAndWhatTheyShow))]
    public async Task Page_renders_the_seed_content(string path, string expected)
    {
        var (response, document) = await GetPageAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        document.Body!.TextContent.ShouldContain(expected);
        document.QuerySelectorAll("h1").Length.ShouldBe(1);
        document.QuerySelector("main").ShouldNotBeNull();
        document.DocumentElement.GetAttribute("lang").ShouldBe("en");
    }

    [Fact]
    public async Task Issue_page_shows_sections_in_order_and_every_article()
    {
        var (_, document) = await GetPageAsync("/issues/december-2021-january-2022");

        var sections = document.QuerySelectorAll("section.issue-section h2").Select(h => h.TextContent.Trim()).ToList();
        sections.ShouldBe(["Horizontal Issues", "Energy efficiency", "Carbon emission", "ICT and digitalization", "Intelligent manufacturing", "Cybersecurity", "Special report", "Annex"]);
        document.QuerySelectorAll("section.issue-section article.card").Length.ShouldBe(13);
        document.QuerySelectorAll(".takeaways li").Length.ShouldBe(11);
    }

    [Fact]
    public async Task Article_page_links_to_policies_standards_organisations_and_sectors()
    {
        var (_, document) = await GetPageAsync("/articles/china-first-mandatory-standard-of-carbon-emissions-to-largely-reduce-the-carbon");

        var hrefs = document.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        hrefs.ShouldContain("/standards/gb-55015-2021");
        hrefs.ShouldContain("/standards/gb-t-50378-2019");
        hrefs.ShouldContain("/sectors/carbon");
        hrefs.ShouldContain("/issues/december-2021-january-2022");
    }

    [Fact]
    public async Task Every_link_on_the_seed_pages_leads_somewhere()
    {
        var seen = new HashSet<string>();
        var queue = new Queue<string>(["/"]);
        while (queue.Count > 0 && seen.Count < 250)
        {
            var path = queue.Dequeue();
            if (!seen.Add(path))
            {
                continue;
            }

            var (response, document) = await GetPageAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {path}");
            foreach (var href in document.QuerySelectorAll("a[href^='/']").Select(a => a.GetAttribute("href")!.Split('#')[0]))
            {
                if (href.Length > 0 && !href.StartsWith("/css", StringComparison.Ordinal) && !seen.Contains(href))
                {
                    queue.Enqueue(href);
                }
            }
        }

        seen.Count.ShouldBeGreaterThan(100); // every article, standard, policy, group, organisation and sector
    }

    [Theory]
    [InlineData("/issues/no-such-issue")]
    [InlineData("/articles/no-such-article")]
    [InlineData("/sectors/no-such-sector")]
    [InlineData("/policies/no-such-policy")]
    [InlineData("/standards/no-such-standard")]
    [InlineData("/working-groups/no-such-group")]
    [InlineData("/organisations/no-such-organisation")]
    [InlineData("/no/such/page")]
    public async Task Unknown_addresses_answer_404_with_a_helpful_page(string path)
    {
        var (response, document) = await GetPageAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        document.QuerySelector("h1")!.TextContent.ShouldBe("Page not found");
        document.QuerySelectorAll("main a[href='/issues']").ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("/articles/%27%20OR%201%3D1%20--")]
    [InlineData("/standards/%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("/sectors/%00")]
    [InlineData("/organisations/..%2F..%2Fetc%2Fpasswd")]
    public async Task Hostile_slugs_answer_a_4xx_not_a_500(string path)
    {
        var (response, document) = await GetPageAsync(path);

        ((int)response.StatusCode).ShouldBeInRange(400, 404);
        document.Body!.InnerHtml.ShouldNotContain("<script>alert");
    }

    [Fact]
    public async Task A_slug_too_long_to_exist_answers_404()
    {
        var (response, _) = await GetPageAsync("/articles/" + new string('a', 5000));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Anonymous_visitors_never_see_personal_phone_numbers()
    {
        foreach (var path in new[] { "/working-groups/tc28-sc42-trustworthiness-research", "/working-groups/tc28-sc42-chip-and-system", "/articles/2022-annual-plan-and-updates-of-chinese-ai-standards-formulation", "/issues/december-2021-january-2022" })
        {
            var (_, document) = await GetPageAsync(path);
            PhoneNumber().IsMatch(document.Body!.TextContent).ShouldBeFalse(path);
            document.Body.TextContent.ShouldNotContain("Li Binbin");
        }

        var (_, group) = await GetPageAsync("/working-groups/tc28-sc42-trustworthiness-research");
        group.Body!.TextContent.ShouldContain("Contact details are shown to signed-in members.");
    }

    [Fact]
    public async Task Pages_never_link_to_the_old_sites_editing_addresses()
    {
        foreach (var path in new[] { "/", "/issues/december-2021-january-2022", "/articles/china-meets-europe-sesec-presented-at-hamburg-summit" })
        {
            var (_, document) = await GetPageAsync(path);
            document.DocumentElement.OuterHtml.ShouldNotContain("wp-admin");
        }
    }

    [Fact]
    public async Task Script_in_an_article_body_is_removed_before_it_reaches_the_page()
    {
        await using (var db = Fixture.Database.CreateDbContext())
        {
            db.Articles.Add(new Article
            {
                Slug = "hostile-markdown", Title = "Hostile markdown", Summary = "A test.", Status = PublicationStatus.Published,
                Body = "Hello <script>alert('x')</script> [link](javascript:alert(1)) <img src=x onerror=alert(1)>",
            });
            await db.SaveChangesAsync(Ct);
        }

        var (response, document) = await GetPageAsync("/articles/hostile-markdown");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var prose = document.QuerySelector(".prose")!.InnerHtml;
        prose.ShouldContain("Hello");
        prose.ShouldNotContain("<script", Case.Insensitive);
        prose.ShouldNotContain("javascript:", Case.Insensitive);
        prose.ShouldNotContain("onerror", Case.Insensitive);
    }

    [Fact]
    public async Task Draft_articles_are_not_public()
    {
        await using (var db = Fixture.Database.CreateDbContext())
        {
            db.Articles.Add(new Article { Slug = "a-draft", Title = "A draft", Summary = "Not yet.", Body = "Draft.", Status = PublicationStatus.Draft });
            await db.SaveChangesAsync(Ct);
        }

        var (response, _) = await GetPageAsync("/articles/a-draft");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Responses_carry_security_headers()
    {
        var (response, _) = await GetPageAsync("/");

        response.Headers.GetValues("X-Content-Type-Options").ShouldContain("nosniff");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("default-src 'self'");
    }

    [Fact]
    public async Task Pages_have_a_print_stylesheet_and_work_without_javascript()
    {
        var (_, document) = await GetPageAsync("/issues/december-2021-january-2022");
        document.QuerySelectorAll("script").ShouldBeEmpty();
        var cssHref = document.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;

        using var client = Fixture.CreateClient();
        var css = await client.GetStringAsync(new Uri(cssHref, UriKind.Relative), Ct);

        css.ShouldContain("@media print");
    }

    [Fact]
    public async Task Readiness_says_the_database_answers()
    {
        using var client = Fixture.CreateClient();

        var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync(Ct);
        body.ShouldContain("\"status\":\"Healthy\"");
        body.ShouldContain("The primary answers.");
    }

    [Fact]
    public async Task Readiness_answers_503_when_the_database_does_not_and_liveness_still_200()
    {
        await using var factory = new PortalFactory("Host=127.0.0.1;Port=1;Database=nowhere;Username=nobody;Timeout=2");
        using var client = factory.CreateClient();

        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), Ct);
        var live = await client.GetAsync(new Uri("/health", UriKind.Relative), Ct);

        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await ready.Content.ReadAsStringAsync(Ct)).ShouldContain("Unhealthy");
        live.StatusCode.ShouldBe(HttpStatusCode.OK, "the process serves: no reason to restart it");
    }

    [Fact]
    public async Task An_article_whose_body_opens_with_its_lead_shows_the_lead_once()
    {
        const string Slug = "what-is-important-data-new-standard-provides-the-answer";
        string summary;
        await using (var db = Fixture.Database.CreateDbContext())
        {
            var article = await db.Articles.SingleAsync(a => a.Slug == Slug, Ct);
            summary = article.Summary;
            article.Body = summary + "\n\n" + article.Body;
            await db.SaveChangesAsync(Ct);
        }

        var (_, document) = await GetPageAsync($"/articles/{Slug}");

        document.QuerySelector("p.lead")!.TextContent.ShouldBe(summary);
        document.QuerySelector(".prose")!.TextContent.ShouldNotContain(summary);
    }

    [GeneratedRegex(@"(?<!\d)(1\d{10}|010-\d{8})(?!\d)")]
    private static partial Regex PhoneNumber();
}
