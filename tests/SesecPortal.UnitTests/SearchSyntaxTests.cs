using SesecPortal.Application.Domain;

namespace SesecPortal.UnitTests;

public sealed class SearchSyntaxTests
{
    [Theory]
    [InlineData("carbon", "carbon:*")]
    [InlineData("carbon peak", "carbon:* & peak:*")]
    [InlineData("\"important data\"", "(important <-> data)")]
    [InlineData("carbon -building", "carbon:* & !building:*")]
    [InlineData("carbon -\"public buildings\"", "carbon:* & !(public <-> buildings)")]
    [InlineData("cybersecurity or carbon", "(cybersecurity:* | carbon:*)")]
    [InlineData("ai chips OR servers", "ai & (chips:* | servers:*)")]
    [InlineData("cyber-security", "(cyber <-> security)")]
    [InlineData("Standardisation", "standardisation:*")]
    public void Turns_web_search_syntax_into_a_tsquery(string input, string tsQuery)
    {
        SearchSyntax.Parse(input).TsQuery.ShouldBe(tsQuery);
    }

    [Theory]
    [InlineData("carbon peak", "carbon & peak", true)]
    [InlineData("cybersecurity or carbon -building", "(cybersecurity | carbon) & !building", true)]
    [InlineData("\"important data\"", "(important <-> data)", false)]
    [InlineData("ai", "ai", false)]
    public void The_exact_query_has_whole_words_only(string input, string exact, bool hasPrefixes)
    {
        var syntax = SearchSyntax.Parse(input);

        syntax.ExactTsQuery.ShouldBe(exact);
        syntax.HasPrefixes.ShouldBe(hasPrefixes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"")]
    [InlineData("&|!():*")]
    [InlineData("-carbon")]
    [InlineData("or")]
    public void Input_with_nothing_to_look_for_is_empty(string input)
    {
        SearchSyntax.Parse(input).IsEmpty.ShouldBeTrue();
    }

    [Theory]
    [InlineData("'; DROP TABLE standards; --", "drop:* & table:* & standards:*")]
    [InlineData("carbon & (peak | !x):*", "carbon:* & peak:* & x")]
    [InlineData("\"carbon peak", "(carbon <-> peak)")]
    [InlineData("a\\b", "(a <-> b)")]
    public void Punctuation_never_reaches_the_tsquery(string input, string tsQuery)
    {
        SearchSyntax.Parse(input).TsQuery.ShouldBe(tsQuery);
    }

    [Fact]
    public void A_very_long_query_is_shortened_and_says_so()
    {
        var parsed = SearchSyntax.Parse(string.Join(' ', Enumerable.Repeat("carbon", 500)));

        parsed.WasShortened.ShouldBeTrue();
        parsed.Text.Length.ShouldBe(SearchSyntax.MaxLength);
    }

    [Fact]
    public void Collects_the_words_looked_for_but_not_the_excluded_ones()
    {
        SearchSyntax.Parse("knowlege graph -white").Words.ShouldBe(["knowlege", "graph"]);
    }
}
