using static SesecPortal.UnitTests.Search.TempIndex;

namespace SesecPortal.UnitTests.Search;

/// <summary>Hostile, long and Lucene-looking input.</summary>
public sealed class SearchInputTests : IDisposable
{
    private readonly TempIndex index = new();

    public void Dispose() => index.Dispose();

    [Theory]
    [InlineData("title:x")]
    [InlineData("*:*")]
    [InlineData("carbon~2")]
    [InlineData("carbon^10")]
    [InlineData("a\\b")]
    [InlineData("&|!():*")]
    [InlineData("\"unbalanced")]
    [InlineData("(carbon")]
    [InlineData("[carbon TO z]")]
    [InlineData("\u0000\u0001carbon\u001f")]
    [InlineData("AND OR NOT")]
    [InlineData("-")]
    [InlineData("-\"\"")]
    [InlineData("the of and")]
    [InlineData("碳排放 carbon ёлка مرحبا")]
    [InlineData("\ud800 lone surrogate")]
    public void Hostile_input_never_throws(string input)
    {
        index.With(Article(1, "Carbon title x", summary: "Carbon summary"));

        Should.NotThrow(() => index.Search(input, r => r.CountFacets.AddRange(["kind", "status", "sector"])));
    }

    [Fact]
    public void A_very_long_query_never_throws()
    {
        index.With(Article(1, "Carbon"));

        Should.NotThrow(() => index.Search(string.Join(' ', Enumerable.Range(0, 2000).Select(i => $"w{i}"))));
        Should.NotThrow(() => index.Search(new string('x', 100_000)));
    }

    [Fact]
    public void Lucene_syntax_is_searched_as_words()
    {
        index.With(Article(1, "The title x of nothing"), Article(2, "Other"));

        index.Titles("title:x").ShouldBe(["The title x of nothing"]);
    }
}
