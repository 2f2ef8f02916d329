using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SesecPortal.Application.Data;
using SesecPortal.Application.Features.Search;

namespace SesecPortal.IntegrationTests;

/// <summary>Search over the seed issue: syntax, prefixes, spellings, typos, codes, facets, filters, paging, bad input.</summary>
public sealed class SearchTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    private Task<SearchPortal.Result> Search(string? q, string? kind = null, string? sector = null, string? status = null,
        string? authority = null, string? year = null, string? page = null) =>
        SendAsync(new SearchPortal.Query(q, Kind: kind is null ? null : [kind], Sector: sector is null ? null : [sector],
            Status: status is null ? null : [status], Authority: authority is null ? null : [authority], Year: year is null ? null : [year], Page: page));

    [Fact]
    public async Task Finds_articles_policies_and_standards_by_their_words()
    {
        var result = await Search("carbon peak");

        result.Total.ShouldBeGreaterThan(0);
        result.Hits.Select(h => h.Url).ShouldContain("/policies/carbon-peak-action-plan-before-2030");
        result.Hits.Select(h => h.Url).ShouldContain("/articles/action-plan-for-carbon-emission-peak-before-2030-put-forward-in-china");
        result.Hits[0].Title.ShouldContain("Carbon", Case.Insensitive);
    }

    [Fact]
    public async Task Title_matches_rank_above_body_matches()
    {
        var result = await Search("knowledge graphs");

        result.Hits[0].Title.ShouldContain("Knowledge", Case.Insensitive);
    }

    [Fact]
    public async Task A_quoted_phrase_matches_only_the_words_together()
    {
        var phrase = await Search("\"important data\"");
        var words = await Search("important data");

        phrase.Total.ShouldBeGreaterThan(0);
        phrase.Hits.Select(h => h.Url).ShouldContain("/articles/what-is-important-data-new-standard-provides-the-answer");
        phrase.Total.ShouldBeLessThan(words.Total);
    }

    [Fact]
    public async Task A_minus_excludes_items_with_the_word()
    {
        var all = await Search("plan");
        var withoutCarbon = await Search("plan -carbon");

        withoutCarbon.Total.ShouldBeLessThan(all.Total);
        withoutCarbon.Hits.Select(h => h.Url).ShouldNotContain("/policies/carbon-peak-action-plan-before-2030");
    }

    [Fact]
    public async Task Or_finds_either_word()
    {
        var either = await Search("ethylene or photovoltaic");
        var both = await Search("ethylene photovoltaic");

        either.Hits.Select(h => h.Url).ShouldContain("/articles/china-to-strictly-regulate-energy-efficiency");
        either.Hits.Select(h => h.Url).ShouldContain("/articles/china-first-mandatory-standard-of-carbon-emissions-to-largely-reduce-the-carbon");
        both.Total.ShouldBe(0);
    }

    [Fact]
    public async Task A_partial_word_matches_by_prefix()
    {
        var result = await Search("cyber");

        result.Hits.Select(h => h.Url).ShouldContain("/articles/china-cross-border-data-transfer-administration-specified-in-detail");
        result.Facets.Sector.ShouldContain(s => s.Value == "cybersecurity");
    }

    [Fact]
    public async Task British_and_american_spellings_find_the_same_items()
    {
        var british = await Search("standardisation");
        var american = await Search("standardization");

        british.Total.ShouldBeGreaterThan(0);
        american.Total.ShouldBe(british.Total);
        american.Hits.Select(h => h.Url).ShouldContain("/articles/sesec-roundtable-on-china-standardisation-outline-successfully-held");
    }

    [Theory]
    [InlineData("cybersecurty", "Cybersecurity")]
    [InlineData("knowlege graph", "Knowledge Graph")]
    public async Task A_typo_still_finds_the_right_items(string typed, string expected)
    {
        var result = await Search(typed);

        result.Approximate.ShouldBeTrue();
        result.Hits.ShouldNotBeEmpty();
        result.Hits[0].Title.ShouldContain(expected, Case.Insensitive);
        result.Messages.ShouldContain(m => m.Contains("similar titles", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("GB/T50378-2019", "/standards/gb-t-50378-2019")]
    [InlineData("gbt 50378 2019", "/standards/gb-t-50378-2019")]
    [InlineData("T/CESA 1026-2018", "/standards/t-cesa-1026-2018")]
    [InlineData("T/CESA 1026—2018", "/standards/t-cesa-1026-2018")]
    [InlineData("20190805T469", "/standards/20190805-t-469")]
    [InlineData("ISO/IEC TS 4213", "/standards/iso-iec-ts-4213")]
    [InlineData("gb 55015-2021", "/standards/gb-55015-2021")]
    public async Task A_standard_code_finds_its_standard_first_however_it_is_typed(string typed, string url)
    {
        var result = await Search(typed);

        result.Hits[0].Url.ShouldBe(url);
        result.Hits[0].Kind.ShouldBe("standard");
        result.ExactMatchUrl.ShouldBe(url);
    }

    [Fact]
    public async Task A_code_without_its_year_finds_the_standard_but_is_not_a_direct_hit()
    {
        var result = await Search("GB/T 50378");

        result.Hits[0].Url.ShouldBe("/standards/gb-t-50378-2019");
        result.ExactMatchUrl.ShouldBeNull();
    }

    [Fact]
    public async Task Snippets_highlight_the_words_found_and_escape_everything_else()
    {
        var result = await Search("ethylene");

        var hit = result.Hits.Single(h => h.Url == "/articles/china-to-strictly-regulate-energy-efficiency");
        hit.SnippetHtml.ShouldContain("<mark>ethylene</mark>", Case.Insensitive);
    }

    [Fact]
    public async Task Facets_count_results_by_kind_sector_authority_status_and_year()
    {
        var result = await Search("standard");

        result.Facets.Kind.Sum(k => k.Count).ShouldBe(result.Total);
        result.Facets.Kind.Select(k => k.Value).ShouldContain("standard");
        result.Facets.Sector.ShouldNotBeEmpty();
        result.Facets.Year.ShouldNotBeEmpty();
        result.Facets.Status.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Filters_combine_and_agree_with_their_facet_counts()
    {
        var all = await Search("plan");
        var policyCount = all.Facets.Kind.Single(k => k.Value == "policy").Count;

        var policies = await Search("plan", kind: "policy");

        policies.Total.ShouldBe(policyCount);
        policies.Hits.ShouldAllBe(h => h.Kind == "policy");
        policies.Facets.Kind.Single(k => k.Value == "policy").Selected.ShouldBeTrue();

        var miitPolicies = await SendAsync(new SearchPortal.Query("plan", Kind: ["policy"], Authority: ["miit"]));
        miitPolicies.Total.ShouldBeLessThan(policies.Total);
        miitPolicies.Hits.Select(h => h.Url).ShouldContain("/policies/14th-fyp-intelligent-manufacturing");
    }

    [Fact]
    public async Task An_analyst_finds_every_carbon_policy_of_a_year()
    {
        var result = await SendAsync(new SearchPortal.Query("", Kind: ["policy"], Sector: ["carbon"], Year: ["2021"]));

        result.Hits.Select(h => h.Url).ShouldContain("/policies/carbon-peak-action-plan-before-2030");
        result.Hits.ShouldAllBe(h => h.Kind == "policy");
    }

    [Fact]
    public async Task The_status_filter_reads_a_standards_status_on_todays_date()
    {
        var inForce = await Search("", kind: "standard", status: "InForce");

        inForce.Hits.Select(h => h.Url).ShouldContain("/standards/gb-55015-2021"); // published, in force since 1 April 2022
        var drafts = await Search("", kind: "standard", status: "DraftForComments");
        drafts.Hits.ShouldHaveSingleItem().Url.ShouldBe("/standards/information-security-technology-guideline-for-identification-of-critical-data");
    }

    [Fact]
    public async Task An_empty_query_with_filters_browses_newest_first()
    {
        var result = await Search(null, sector: "intelligent-manufacturing");

        result.Total.ShouldBeGreaterThan(0);
        result.Messages.ShouldBeEmpty();
        result.Hits.Select(h => h.Url).ShouldContain("/articles/china-intelligent-manufacturing-standardisation-guideline");
    }

    [Fact]
    public async Task Results_come_in_pages()
    {
        var first = await Search("", kind: "standard");
        var second = await Search("", kind: "standard", page: "2");

        first.Total.ShouldBe(41);
        first.PageCount.ShouldBe(3);
        first.Hits.Count.ShouldBe(SearchPortal.PageSize);
        second.Page.ShouldBe(2);
        second.Hits.Select(h => h.Url).Intersect(first.Hits.Select(h => h.Url)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("-5", 1, "Pages start at 1")]
    [InlineData("0", 1, "Pages start at 1")]
    [InlineData("abc", 1, "is not a page number")]
    [InlineData("99999999999999999999", 1, "is not a page number")]
    [InlineData("1000000", 3, "only 3 pages")]
    public async Task Bad_page_numbers_are_corrected_with_a_message(string page, int shown, string message)
    {
        var result = await Search("", kind: "standard", page: page);

        result.Page.ShouldBe(shown);
        result.Hits.ShouldNotBeEmpty();
        result.Messages.ShouldContain(m => m.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"carbon")]
    [InlineData("&|!():*")]
    [InlineData("carbon & (peak | !x):*")]
    [InlineData("'; DROP TABLE standards; --")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("\\")]
    [InlineData("-")]
    [InlineData("or or or")]
    [InlineData("a")]
    [InlineData("日本語 标准化")]
    [InlineData("title:carbon")]
    [InlineData("*:*")]
    [InlineData("carbon~2")]
    [InlineData("carbon^10 peak")]
    [InlineData("(carbon AND peak")]
    [InlineData("[a TO z]")]
    [InlineData("{x TO y}")]
    [InlineData("/car.*/")]
    [InlineData("carbon && peak || !x")]
    [InlineData("\u0000\u0001carbon\u001f peak")]
    [InlineData("carbon 碳 пик ذروة")]
    [InlineData("?")]
    public async Task Awkward_input_gives_a_sensible_result(string q)
    {
        var result = await Search(q);

        result.Page.ShouldBe(1);
        result.Hits.ShouldAllBe(h => !h.SnippetHtml.Contains("<script", StringComparison.OrdinalIgnoreCase));
        await using var db = Fixture.Database.CreateDbContext();
        db.Standards.Count().ShouldBe(41); // nothing dropped
    }

    [Theory]
    [InlineData("title:carbon", "\"title carbon\"")]
    [InlineData("carbon^10", "\"carbon 10\"")]
    [InlineData("(carbon", "carbon")]
    [InlineData("carbon*", "carbon")]
    public async Task Lucene_syntax_is_read_as_the_words_it_holds(string typed, string words)
    {
        var result = await Search(typed);

        result.Total.ShouldBe((await Search(words)).Total);
        result.Hits.Select(h => h.Url).ShouldBe((await Search(words)).Hits.Select(h => h.Url));
    }

    [Theory]
    [InlineData("信息安全技术")]
    [InlineData("信息安全")]
    [InlineData("重要数据")]
    public async Task The_words_of_a_chinese_title_find_the_standard(string typed)
    {
        var id = await AddStandardAsync("GB/T 43697-2024", "Data security technology - Rules for data classification", "信息安全技术 重要数据识别指南");

        var result = await Search(typed);

        result.Hits.Select(h => h.Url).ShouldContain($"/standards/{await SlugAsync(id)}");
    }

    [Fact]
    public async Task A_chinese_query_finds_an_imported_standard_by_its_chinese_title()
    {
        var corpus = await OpenDataCorpus.GenerateAsync(articles: 0, standards: 40, policies: 0);
        (await SendAsync(new Application.Features.OpenData.ImportContent.Command(new MemoryStream(corpus)))).ErrorCount.ShouldBe(0);
        await using var db = Fixture.Database.CreateDbContext();
        var standard = await db.Standards.Where(s => s.TitleZh != null && s.ExternalId != null).OrderBy(s => s.Id).FirstAsync(Ct);

        var result = await Search(standard.TitleZh!);

        result.Total.ShouldBeGreaterThan(0);
        result.Hits.Select(h => h.Url).ShouldContain($"/standards/{standard.Slug}");
    }

    [Fact]
    public async Task A_very_long_query_is_shortened_with_a_message()
    {
        var result = await Search(string.Join(' ', Enumerable.Repeat("carbon", 300)));

        result.Query.Length.ShouldBe(256);
        result.Messages.ShouldContain(m => m.Contains("shortened", StringComparison.Ordinal));
        result.Total.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Unknown_facet_values_are_ignored_with_a_message()
    {
        var result = await SendAsync(new SearchPortal.Query("carbon", Kind: ["gadget"], Sector: ["atlantis"], Status: ["lost"], Authority: ["nobody"], Year: ["20x1"]));

        result.Messages.Count.ShouldBe(5);
        result.Applied.Any.ShouldBeFalse();
        result.Total.ShouldBe((await Search("carbon")).Total);
    }

    [Fact]
    public async Task Whole_words_come_first_and_prefixes_widen_a_search_that_finds_less_than_a_page()
    {
        // A quoted word is matched whole, never as a prefix.
        var china = await Search("China");
        china.Total.ShouldBeGreaterThanOrEqualTo(SearchPortal.PageSize);
        china.Total.ShouldBe((await Search("\"China\"")).Total, "whole words fill a page: the search stays with them (no \"Chinese\")");

        var cyber = await Search("cyber");
        cyber.Total.ShouldBeGreaterThan((await Search("\"cyber\"")).Total, "a word that finds little widens to prefixes");
        cyber.Hits.Select(h => h.Url).ShouldContain("/articles/china-cross-border-data-transfer-administration-specified-in-detail");
    }

    [Fact]
    public async Task Thousands_of_matches_are_counted_exactly_and_ranked_by_relevance()
    {
        var corpus = await OpenDataCorpus.GenerateAsync(articles: 5100, standards: 0, policies: 0);
        var import = await SendAsync(new Application.Features.OpenData.ImportContent.Command(new MemoryStream(corpus)));
        import.ErrorCount.ShouldBe(0);

        // Every generated article mentions standards.
        var broad = await Search("standards", kind: "article");

        broad.MoreThanTotal.ShouldBeFalse();
        broad.Total.ShouldBeGreaterThan(5100);
        broad.Facets.Kind.Single().Count.ShouldBe(broad.Total);
        broad.Facets.Sector.ShouldNotBeEmpty();
        broad.Messages.ShouldBeEmpty();
        broad.Hits.Count.ShouldBe(SearchPortal.PageSize);
        broad.Hits.Select(h => h.Score).ShouldBe(broad.Hits.Select(h => h.Score).OrderByDescending(s => s).ToList());
        broad.Hits.ShouldAllBe(h => h.SnippetHtml.Contains("<mark>", StringComparison.Ordinal));
    }

    private async Task<int> AddStandardAsync(string code, string title, string titleZh)
    {
        using var _ = Fixture.ActAs("editor@example.com", Application.Domain.Roles.Editor);
        await using var db = Fixture.Database.CreateDbContext();
        var sector = await db.Sectors.Where(x => x.Slug == "cybersecurity").Select(x => x.Id).SingleAsync(Ct);
        return await SendAsync(new Application.Features.Standards.EditStandard.Command
        {
            Code = code, TitleEn = title, TitleZh = titleZh, Status = Application.Domain.StandardStatus.Published, SectorIds = [sector],
        });
    }

    private async Task<string> SlugAsync(int standardId)
    {
        await using var db = Fixture.Database.CreateDbContext();
        return await db.Standards.Where(s => s.Id == standardId).Select(s => s.Slug).SingleAsync(Ct);
    }
}
