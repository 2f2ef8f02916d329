using static SesecPortal.UnitTests.Search.TempIndex;

namespace SesecPortal.UnitTests.Search;

/// <summary>Standard codes typed in any form.</summary>
public sealed class SearchCodeTests : IDisposable
{
    private readonly TempIndex index = new();

    public void Dispose() => index.Dispose();

    [Fact]
    public void A_code_key_finds_its_standard_first_and_an_exact_key_before_longer_codes()
    {
        index.With(
            Article(1, "GB/T 50378 explained", body: "GB/T 50378-2019 is the green building standard."),
            Standard(2, "GB/T 50378.2-2020", "Green building part 2"),
            Standard(3, "GB/T 50378-2019", "Assessment standard for green building"));

        var result = index.Search("GB/T 50378-2019", r => r.CodeKey = "GBT503782019");

        result.Hits[0].Title.ShouldBe("Assessment standard for green building");
    }

    [Fact]
    public void A_code_key_prefix_matches_every_edition()
    {
        index.With(
            Standard(1, "GB/T 50378-2014", "Green building 2014"),
            Standard(2, "GB/T 50378-2019", "Green building 2019"),
            Standard(3, "GB/T 5037-2010", "Something else"));

        var result = index.Search("gbt 50378", r => r.CodeKey = "GBT50378");

        result.Hits.Take(2).Select(h => h.Title).ShouldBe(["Green building 2014", "Green building 2019"], ignoreOrder: true);
    }

    [Fact]
    public void An_association_code_typed_without_punctuation_is_found_by_its_key()
    {
        index.With(Standard(1, "T/CESA 1026-2018", "Artificial intelligence - Deep learning algorithms evaluation"), Article(2, "CESA news"));

        var result = index.Search("TCESA 1026", r => r.CodeKey = "TCESA1026");

        result.Hits[0].Code.ShouldBe("T/CESA 1026-2018");
    }
}
