using static SesecPortal.UnitTests.Search.TempIndex;

namespace SesecPortal.UnitTests.Search;

/// <summary>Chinese and mixed queries.</summary>
public sealed class ChineseSearchTests : IDisposable
{
    private readonly TempIndex index = new();

    public void Dispose() => index.Dispose();

    [Theory]
    [InlineData("信息安全技术")]
    [InlineData("信息安全")]
    [InlineData("安全技术")]
    public void A_chinese_query_finds_the_chinese_title_that_holds_its_words(string query)
    {
        index.With(
            Standard(1, "GB/T 22239-2019", "Information security technology - Baseline for classified protection", titleZh: "信息安全技术 网络安全等级保护基本要求"),
            Standard(2, "GB/T 32150-2015", "Greenhouse gas emissions accounting", titleZh: "温室气体排放核算"));

        index.Titles(query).ShouldBe(["Information security technology - Baseline for classified protection"]);
    }

    [Fact]
    public void Carbon_emission_in_chinese_finds_its_standard()
    {
        index.With(
            Standard(1, "GB/T 32151-2015", "Greenhouse gas emissions accounting for steel", titleZh: "温室气体排放核算与报告要求 钢铁生产企业"),
            Standard(2, "GB/T 40000-2021", "Carbon emission management", titleZh: "碳排放管理体系"),
            Standard(3, "GB/T 22239-2019", "Information security", titleZh: "信息安全技术"));

        index.Titles("碳排放").ShouldBe(["Carbon emission management"]);
    }

    [Fact]
    public void A_mixed_query_looks_for_the_chinese_and_the_english_words()
    {
        index.With(
            Standard(1, "GB/T 22239-2019", "Information security baseline", titleZh: "信息安全技术"),
            Standard(2, "GB/T 22240-2019", "Grading guide", titleZh: "信息安全技术 定级指南"));

        index.Titles("信息安全 grading").ShouldBe(["Grading guide"]);
    }
}
