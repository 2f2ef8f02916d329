using static SesecPortal.UnitTests.Search.TempIndex;

namespace SesecPortal.UnitTests.Search;

/// <summary>Snippets of the results.</summary>
public sealed class SnippetTests : IDisposable
{
    private readonly TempIndex index = new();

    public void Dispose() => index.Dispose();

    [Fact]
    public void Snippets_mark_the_matched_words_and_escape_html()
    {
        index.With(Article(1, "Scripted", summary: "Before <script>alert('x')</script> the carbon market & more."));

        var snippet = index.Search("carbon").Hits[0].SnippetHtml;

        snippet.ShouldContain("<mark>carbon</mark>");
        snippet.ShouldNotContain("<script>");
        snippet.ShouldContain("&lt;script&gt;");
        snippet.ShouldContain("&amp; more");
    }

    [Fact]
    public void Snippets_come_from_the_body_when_the_summary_does_not_hold_the_words()
    {
        index.With(Article(1, "Digest", summary: "A summary without the word.", body: string.Join(' ', Enumerable.Repeat("filler", 200)) + " the methane rules start soon"));

        var snippet = index.Search("methane").Hits[0].SnippetHtml;

        snippet.ShouldContain("<mark>methane</mark>");
        snippet.ShouldStartWith("… ");
        snippet.Length.ShouldBeLessThan(400);
    }

    [Fact]
    public void Snippets_mark_both_spellings()
    {
        index.With(Article(1, "Notes", summary: "Standardization and standardisation are one word here."));

        index.Search("standardisation").Hits[0].SnippetHtml.ShouldBe("<mark>Standardization</mark> and <mark>standardisation</mark> are one word here.");
    }

    [Fact]
    public void Without_words_the_snippet_is_the_start_of_the_summary()
    {
        var summary = string.Join(' ', Enumerable.Repeat("word", 100));
        index.With(Article(1, "Long", summary: summary));

        var snippet = index.Search("", r => r.Filters["kind"] = ["article"]).Hits[0].SnippetHtml;

        snippet.ShouldEndWith(" …");
        snippet.Length.ShouldBeLessThanOrEqualTo(245);
    }
}
