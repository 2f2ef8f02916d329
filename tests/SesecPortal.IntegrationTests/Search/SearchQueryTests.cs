using SesecPortal.Application.Features.Search;

namespace SesecPortal.IntegrationTests.Search;

/// <summary>What a query's words, phrases, operators and spellings find.</summary>
public sealed class SearchQueryTests(IntegrationFixture fixture) : SearchTest(fixture)
{
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
}
