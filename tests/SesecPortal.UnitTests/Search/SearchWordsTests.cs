using static SesecPortal.UnitTests.Search.TempIndex;

namespace SesecPortal.UnitTests.Search;

/// <summary>Which words a query needs: every word, phrases, or, minus.</summary>
public sealed class SearchWordsTests : IDisposable
{
    private readonly TempIndex index = new();

    public void Dispose() => index.Dispose();

    [Fact]
    public void Finds_items_by_their_words_in_any_field()
    {
        index.With(
            Article(1, "Carbon peaking in the steel sector", summary: "Targets for steel makers."),
            Article(2, "Cloud computing contracts", body: "Nothing about steel here? Actually steel appears once."),
            Article(3, "Medical devices registration"));

        index.Titles("steel").ShouldBe(["Carbon peaking in the steel sector", "Cloud computing contracts"], ignoreOrder: true);
    }

    [Fact]
    public void Every_word_must_be_found()
    {
        index.With(Article(1, "Carbon peak plan"), Article(2, "Carbon footprint labels"));

        index.Titles("carbon peak").ShouldBe(["Carbon peak plan"]);
    }

    [Fact]
    public void A_title_match_ranks_above_a_body_match()
    {
        index.With(
            Article(1, "Quarterly digest", body: "This issue mentions a green building assessment in passing, among many other topics of the quarter."),
            Standard(2, "GB/T 50378-2019", "Assessment standard for green building"));

        index.Titles("green building assessment")[0].ShouldBe("Assessment standard for green building");
    }

    [Fact]
    public void A_quoted_phrase_needs_its_words_together_and_in_order()
    {
        index.With(Article(1, "Important data identification"), Article(2, "Data that is important"));

        index.Titles("\"important data\"").ShouldBe(["Important data identification"]);
    }

    [Fact]
    public void An_unclosed_quote_runs_to_the_end()
    {
        index.With(Article(1, "Network access licence rules"), Article(2, "Licence for network access"));

        index.Titles("\"network access licence").ShouldBe(["Network access licence rules"]);
    }

    [Fact]
    public void A_hyphenated_word_is_a_phrase()
    {
        index.With(Article(1, "Dual-carbon goals explained"), Article(2, "Carbon dual listing"));

        index.Titles("dual-carbon").ShouldBe(["Dual-carbon goals explained"]);
    }

    [Fact]
    public void Or_finds_either_alternative()
    {
        index.With(Article(1, "Edge computing platforms"), Article(2, "Cloud computing services"), Article(3, "Fog networks"));

        index.Titles("edge or cloud").ShouldBe(["Edge computing platforms", "Cloud computing services"], ignoreOrder: true);
    }

    [Fact]
    public void Or_binds_the_words_beside_it()
    {
        index.With(Article(1, "AI chips export"), Article(2, "AI servers market"), Article(3, "Servers for banks"));

        index.Titles("ai chips OR servers").ShouldBe(["AI chips export", "AI servers market"], ignoreOrder: true);
    }

    [Fact]
    public void A_minus_word_excludes_items_that_hold_it()
    {
        index.With(Article(1, "Carbon market opens"), Article(2, "Carbon rules for buildings"));

        index.Titles("carbon -buildings").ShouldBe(["Carbon market opens"]);
    }

    [Fact]
    public void A_minus_phrase_excludes_items_that_hold_the_phrase()
    {
        index.With(Article(1, "Carbon in public buildings"), Article(2, "Carbon in buildings for the public"));

        index.Titles("carbon -\"public buildings\"").ShouldBe(["Carbon in buildings for the public"]);
    }
}
