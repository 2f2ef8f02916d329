using Microsoft.EntityFrameworkCore;

namespace SesecPortal.IntegrationTests.Search;

/// <summary>Standards found by their code or their Chinese title.</summary>
public sealed class SearchStandardsTests(IntegrationFixture fixture) : SearchTest(fixture)
{
    [Theory]
    [InlineData("GB/T50378-2019", "/standards/gb-t-50378-2019")]
    [InlineData("gbt 50378 2019", "/standards/gb-t-50378-2019")]
    [InlineData("T/CESA 1026-2018", "/standards/t-cesa-1026-2018")]
    [InlineData("T/CESA 1026—2018", "/standards/t-cesa-1026-2018")]
    [InlineData("20190805T469", "/standards/20190805-t-469")]
    [InlineData("ISO/IEC TS 4213", "/standards/iso-iec-ts-4213")]
    [InlineData("gb 55015-2021", "/standards/gb-55015-2021")]
    public async Task A_standard_code_finds_its_standard_first_however_it_is_typed(string typed, string url)
    {
        var result = await Search(typed);

        result.Hits[0].Url.ShouldBe(url);
        result.Hits[0].Kind.ShouldBe("standard");
        result.ExactMatchUrl.ShouldBe(url);
    }

    [Fact]
    public async Task A_code_without_its_year_finds_the_standard_but_is_not_a_direct_hit()
    {
        var result = await Search("GB/T 50378");

        result.Hits[0].Url.ShouldBe("/standards/gb-t-50378-2019");
        result.ExactMatchUrl.ShouldBeNull();
    }

    [Theory]
    [InlineData("信息安全技术")]
    [InlineData("信息安全")]
    [InlineData("重要数据")]
    public async Task The_words_of_a_chinese_title_find_the_standard(string typed)
    {
        var id = await AddStandardAsync("GB/T 43697-2024", "Data security technology - Rules for data classification", "信息安全技术 重要数据识别指南");

        var result = await Search(typed);

        result.Hits.Select(h => h.Url).ShouldContain($"/standards/{await SlugAsync(id)}");
    }

    [Fact]
    public async Task A_chinese_query_finds_an_imported_standard_by_its_chinese_title()
    {
        var corpus = await OpenDataCorpus.GenerateAsync(articles: 0, standards: 40, policies: 0);
        (await SendAsync(new Application.Features.OpenData.ImportContent.Command(new MemoryStream(corpus)))).ErrorCount.ShouldBe(0);
        await using var db = Fixture.Database.CreateDbContext();
        var standard = await db.Standards.Where(s => s.TitleZh != null && s.ExternalId != null).OrderBy(s => s.Id).FirstAsync(Ct);

        var result = await Search(standard.TitleZh!);

        result.Total.ShouldBeGreaterThan(0);
        result.Hits.Select(h => h.Url).ShouldContain($"/standards/{standard.Slug}");
    }
}
