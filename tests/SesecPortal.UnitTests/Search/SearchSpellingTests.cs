using static SesecPortal.UnitTests.Search.TempIndex;

namespace SesecPortal.UnitTests.Search;

/// <summary>Prefixes, spellings, inflections and typos.</summary>
public sealed class SearchSpellingTests : IDisposable
{
    private readonly TempIndex index = new();

    public void Dispose() => index.Dispose();

    [Fact]
    public void Whole_words_come_first_and_prefixes_only_widen_a_short_result()
    {
        index.With(Article(1, "Cybersecurity law"), Article(2, "Cyber insurance"));

        var whole = index.Search("cyber");
        whole.Widened.ShouldBeTrue();
        whole.Hits.Select(h => h.Title).ShouldBe(["Cyber insurance", "Cybersecurity law"]);
    }

    [Fact]
    public void Whole_words_that_fill_a_page_are_not_widened()
    {
        var many = Enumerable.Range(1, 25).Select(i => Article(i, $"Cyber report {i}")).Append(Article(100, "Cybersecurity law")).ToArray();
        index.With(many);

        var result = index.Search("cyber");

        result.Widened.ShouldBeFalse();
        result.Total.ShouldBe(25);
    }

    [Fact]
    public void Short_words_are_never_widened()
    {
        index.With(Article(1, "AI rules"), Article(2, "Aircraft safety"));

        index.Titles("ai").ShouldBe(["AI rules"]);
    }

    [Theory]
    [InlineData("standardisation", "Standardization outline")]
    [InlineData("standardization", "Standardisation outline")]
    [InlineData("organise", "How to organize committees")]
    [InlineData("analyse", "Analyze the data")]
    [InlineData("licence", "License requirements")]
    [InlineData("centre", "Data center efficiency")]
    [InlineData("colour", "Color labels")]
    [InlineData("labelling", "Labeling of AI-generated content")]
    [InlineData("programmes", "Pilot program")]
    public void British_and_American_spellings_find_each_other(string query, string title)
    {
        index.With(Article(1, title), Article(2, "Something else entirely"));

        index.Titles(query).ShouldBe([title]);
    }

    [Theory]
    [InlineData("standards", "Standard for data")]
    [InlineData("requirement", "General requirements")]
    [InlineData("batteries", "Battery safety")]
    public void Plurals_and_inflections_find_each_other(string query, string title)
    {
        index.With(Article(1, title), Article(2, "Something else entirely"));

        index.Titles(query).ShouldBe([title]);
    }

    [Fact]
    public void Stemming_does_not_join_general_and_generative()
    {
        index.With(Article(1, "General requirements"), Article(2, "Generative AI services"));

        index.Titles("generative").ShouldBe(["Generative AI services"]);
    }

    [Theory]
    [InlineData("cybersecurty", "Cybersecurity incident reporting")]
    [InlineData("knowlege graph", "Knowledge graph construction")]
    [InlineData("energy efficency", "Energy efficiency grades for motors")]
    public void A_typo_finds_items_with_similar_title_words_and_says_it_is_approximate(string query, string title)
    {
        index.With(Article(1, title), Article(2, "Medical devices registration"));

        var result = index.Search(query);

        result.Approximate.ShouldBeTrue();
        result.Hits.Select(h => h.Title).ShouldBe([title]);
    }

    [Fact]
    public void An_exact_match_is_not_approximate()
    {
        index.With(Article(1, "Cybersecurity incident reporting"));

        index.Search("cybersecurity").Approximate.ShouldBeFalse();
    }
}
