using SesecPortal.Application.Common;

namespace SesecPortal.UnitTests.Common;

public sealed class CountedTests
{
    [Theory]
    [InlineData(0, "article", "0 articles")]
    [InlineData(1, "article", "1 article")]
    [InlineData(2, "revision", "2 revisions")]
    [InlineData(1, "policy", "1 policy")]
    [InlineData(3, "policy", "3 policies")]
    [InlineData(1, "entry", "1 entry")]
    [InlineData(12408, "standard", "12,408 standards")]
    [InlineData(1, "result", "1 result")]
    [InlineData(1, "day", "1 day")]
    public void A_count_reads_with_its_noun_in_the_singular_or_plural(long count, string noun, string expected)
    {
        Counted.Of(count, noun).ShouldBe(expected);
    }

    [Fact]
    public void The_noun_alone_follows_the_count()
    {
        Counted.Noun(1, "article").ShouldBe("article");
        Counted.Noun(5, "article").ShouldBe("articles");
    }
}
