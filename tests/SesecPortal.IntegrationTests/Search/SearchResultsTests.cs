using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Features.Search;

namespace SesecPortal.IntegrationTests.Search;

/// <summary>Snippets, pages, awkward or long input, thousands of matches.</summary>
public sealed class SearchResultsTests(IntegrationFixture fixture) : SearchTest(fixture)
{
    [Fact]
    public async Task Snippets_highlight_the_words_found_and_escape_everything_else()
    {
        var result = await Search("ethylene");

        var hit = result.Hits.Single(h => h.Url == "/articles/china-to-strictly-regulate-energy-efficiency");
        hit.SnippetHtml.ShouldContain("<mark>ethylene</mark>", Case.Insensitive);
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

    [Fact]
    public async Task A_very_long_query_is_shortened_with_a_message()
    {
        var result = await Search(string.Join(' ', Enumerable.Repeat("carbon", 300)));

        result.Query.Length.ShouldBe(256);
        result.Messages.ShouldContain(m => m.Contains("shortened", StringComparison.Ordinal));
        result.Total.ShouldBeGreaterThan(0);
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
}
