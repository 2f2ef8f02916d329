using SesecPortal.Search;

namespace SesecPortal.UnitTests.Search;

public sealed class QuerySyntaxTests
{
    private static string Describe(SearchClause clause) => clause switch
    {
        WordClause w => w.CanWiden ? w.Word + "*" : w.Word,
        PhraseClause p => "\"" + string.Join(' ', p.Words) + "\"",
        AnyOfClause a => "(" + string.Join(" | ", a.Alternatives.Select(Describe)) + ")",
        _ => "?",
    };

    private static string Describe(SearchSyntax syntax) =>
        string.Join(" & ", syntax.Required.Select(Describe).Concat(syntax.Excluded.Select(c => "!" + Describe(c))));

    [Theory]
    [InlineData("carbon", "carbon*")]
    [InlineData("carbon peak", "carbon* & peak*")]
    [InlineData("\"important data\"", "\"important data\"")]
    [InlineData("carbon -building", "carbon* & !building*")]
    [InlineData("carbon -\"public buildings\"", "carbon* & !\"public buildings\"")]
    [InlineData("cybersecurity or carbon", "(cybersecurity* | carbon*)")]
    [InlineData("ai chips OR servers", "ai & (chips* | servers*)")]
    [InlineData("a or b or c", "(a | b | c)")]
    [InlineData("cyber-security", "\"cyber security\"")]
    [InlineData("Standardisation", "standardisation*")]
    [InlineData("\"carbon\"", "carbon")]
    [InlineData("MLPS 2.0", "mlps* & \"2 0\"")]
    [InlineData("“curly quotes”", "\"curly quotes\"")]
    public void Parses_web_search_syntax_into_clauses(string input, string clauses)
    {
        Describe(SearchSyntax.Parse(input)).ShouldBe(clauses);
    }

    [Theory]
    [InlineData("\"carbon peak", "\"carbon peak\"")]
    [InlineData("title:x", "\"title x\"")]
    [InlineData("*:*", "")]
    [InlineData("carbon~2", "\"carbon 2\"")]
    [InlineData("carbon^10", "\"carbon 10\"")]
    [InlineData("a\\b", "\"a b\"")]
    [InlineData("carbon & (peak | !x):*", "carbon* & peak* & x")]
    [InlineData("'; DROP TABLE standards; --", "drop* & table* & standards*")]
    [InlineData("(carbon", "carbon*")]
    [InlineData("[carbon TO z]", "carbon* & to & z")]
    public void Lucene_syntax_and_punctuation_are_words_or_dropped(string input, string clauses)
    {
        Describe(SearchSyntax.Parse(input)).ShouldBe(clauses);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("\"")]
    [InlineData("&|!():*")]
    [InlineData("-carbon")]
    [InlineData("or")]
    [InlineData("\u0000\u0007\u001b")]
    [InlineData("~^\\*?")]
    public void Input_with_nothing_to_look_for_is_empty(string? input)
    {
        SearchSyntax.Parse(input).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void A_very_long_query_is_shortened_and_says_so()
    {
        var parsed = SearchSyntax.Parse(string.Join(' ', Enumerable.Repeat("carbon", 500)));

        parsed.WasShortened.ShouldBeTrue();
        parsed.Text.Length.ShouldBeLessThanOrEqualTo(SearchSyntax.MaxLength);
    }

    [Fact]
    public void A_short_query_is_not_shortened()
    {
        SearchSyntax.Parse("carbon").WasShortened.ShouldBeFalse();
    }

    [Fact]
    public void Collects_the_words_looked_for_but_not_the_excluded_ones()
    {
        SearchSyntax.Parse("knowlege graph -white").Words.ShouldBe(["knowlege", "graph"]);
    }

    [Fact]
    public void Control_characters_become_spaces()
    {
        var parsed = SearchSyntax.Parse("carbon\u0000peak\tplan\u200b");

        parsed.Text.ShouldBe("carbon peak plan");
        parsed.Words.ShouldBe(["carbon", "peak", "plan"]);
    }

    [Fact]
    public void Full_width_letters_are_folded()
    {
        SearchSyntax.Parse("ＧＢ／Ｔ").Words.ShouldBe(["gb", "t"]);
    }

    [Fact]
    public void Chinese_next_to_latin_letters_is_two_words()
    {
        Describe(SearchSyntax.Parse("AI安全")).ShouldBe("\"ai 安全\"");
    }

    [Theory]
    [InlineData("碳排放 carbon ёлка مرحبا")]
    [InlineData("\ud800\udc00 \ud800 \udfff x")]
    [InlineData("🙂🙂🙂")]
    [InlineData("--\"-\"-")]
    public void Mixed_scripts_and_odd_characters_never_throw(string input)
    {
        Should.NotThrow(() => SearchSyntax.Parse(input));
    }

    [Fact]
    public void A_huge_input_never_throws()
    {
        var parsed = SearchSyntax.Parse(new string('"', 100_000) + new string('x', 100_000));

        parsed.WasShortened.ShouldBeTrue();
    }

    [Fact]
    public void Random_input_never_throws()
    {
        var random = new Random(17);
        const string alphabet = "ab cd\"-:*~^\\()[]{}!&|/?+信息安全 \u0000\t\u200bOR or AND";
        for (var i = 0; i < 2000; i++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 80)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            Should.NotThrow(() => SearchSyntax.Parse(text));
        }
    }
}
