using SesecPortal.Application.Domain;

namespace SesecPortal.UnitTests.Domain;

/// <summary>Saved searches' normal form and the private feed's token.</summary>
public sealed class WatchlistRulesTests
{
    [Theory]
    [InlineData("  carbon\t peak  ", "carbon peak")]
    [InlineData("ＧＢ／Ｔ　５０３７８", "GB/T 50378")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void A_saved_search_is_normalised(string? typed, string normal) => SavedSearch.Normalize(typed).ShouldBe(normal);

    [Fact]
    public void Saved_search_filters_are_sorted_without_duplicates_and_read_back()
    {
        var filters = SavedSearch.Filters(["standard", "Policy", "policy"], ["ict", "carbon"], []);

        filters.ShouldBe("kind=policy&kind=standard&sector=carbon&sector=ict");
        SavedSearch.Values(filters, "sector").ShouldBe(["carbon", "ict"]);
        SavedSearch.Describe("carbon peak", filters).ShouldBe("“carbon peak” (kind: policy, standard; sector: carbon, ict)");
        SavedSearch.Filters(null, null, null).ShouldBeEmpty();
    }

    [Fact]
    public void A_feed_token_is_32_random_bytes_in_base64url_stored_only_as_its_hash()
    {
        var token = FeedToken.Create();

        token.Length.ShouldBe(43);
        FeedToken.IsWellFormed(token).ShouldBeTrue();
        FeedToken.Create().ShouldNotBe(token);
        FeedToken.Hash(token).ShouldMatch("^[0-9a-f]{64}$");
        FeedToken.Hash(token).ShouldBe(FeedToken.Hash(token));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Anything_but_a_token_is_refused_without_asking_the_database(string? text) => FeedToken.IsWellFormed(text).ShouldBeFalse();
}
