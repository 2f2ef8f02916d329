using System.Net;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Search;
using SesecPortal.Application.Features.Standards;

namespace SesecPortal.IntegrationTests.Standards;

/// <summary>A standard's adoptions, links and drafters: saved, searched, shown from both ends (issue 18).</summary>
public sealed class StandardAdoptionTests(IntegrationFixture fixture) : StandardRecordTest(fixture)
{
    [Fact]
    public async Task A_standard_saves_its_adoptions_links_and_drafters_and_its_page_shows_them_as_the_platform_writes_them()
    {
        var command = await NewStandardAsync("GB/T 19001—2016", "Quality management systems — Requirements");
        command.Adoptions = [new() { Code = "ISO 9001:2015", Degree = AdoptionDegree.Identical }, new() { Code = "IEC 60300-1:2014", Degree = AdoptionDegree.NotEquivalent }, new()];
        command.RecordUrl = "https://std.samr.gov.cn/gb/search/gbDetailed?id=71F772D8055ED3A7E05397BE0A0AB82A";
        command.FullTextUrl = "https://openstd.samr.gov.cn/bzgk/gb/newGbInfo?hcno=0AFBB8A3EBAB1A5F0D84BF73E0DB7E8A";
        command.PurchaseUrl = "https://www.spc.org.cn/online/GB%252FT%252019001-2016/";
        command.DraftingOrganisations = $"{Organisation}\n  China National Institute of Standardization  \n\n";
        command.Drafters = "Zhang San、Li Si, Wang Wu";
        command.CompetentDepartment = "State Administration for Market Regulation";
        var id = await AsEditorAsync(command);

        var stored = await WithDbAsync(db => db.Standards.Include(s => s.Adoptions).SingleAsync(s => s.Id == id, Ct));
        stored.Adoptions.OrderBy(a => a.Position).Select(a => (a.Code, a.CodeKey, a.Degree))
            .ShouldBe([("ISO 9001:2015", "ISO90012015", AdoptionDegree.Identical), ("IEC 60300-1:2014", "IEC6030012014", AdoptionDegree.NotEquivalent)]);
        stored.DraftingOrganisations.ShouldBe([Organisation, "China National Institute of Standardization"]);
        stored.Drafters.ShouldBe(["Zhang San", "Li Si", "Wang Wu"]);

        var form = (await SendAsync(new EditStandard.Query(id))).ShouldNotBeNull();
        form.Adoptions.Select(a => a.Code).ShouldBe(["ISO 9001:2015", "IEC 60300-1:2014"]);
        form.Drafters.ShouldBe("Zhang San\nLi Si\nWang Wu");
        form.RecordUrl.ShouldBe(command.RecordUrl);

        var page = (await SendAsync(new GetStandard.Query("gb-t-19001-2016"))).ShouldNotBeNull();
        page.Adoptions.Select(a => a.Designation).ShouldBe(["GB/T 19001\u20142016/ISO 9001:2015", "GB/T 19001\u20142016/IEC 60300-1:2014"]);
        page.Adoptions.Select(a => a.Degree).ShouldBe(["IDT", "NEQ"]);
        page.Official.ShouldBe(new GetStandard.OfficialLinks(command.RecordUrl, command.FullTextUrl, command.PurchaseUrl));
        page.CompetentDepartment.ShouldBe("State Administration for Market Regulation");

        var version = await WithDbAsync(db => db.ContentVersions.Where(v => v.ItemKind == ItemKind.Standard && v.ItemId == id).SingleAsync(Ct));
        version.Snapshot.ShouldContain("GB/T 19001\u20142016/ISO 9001:2015, identical (IDT)");
        version.Snapshot.ShouldContain(Organisation);
    }

    [Theory]
    [InlineData("ISO 9001")]
    [InlineData("ISO 9001:2015")]
    [InlineData("iso9001")]
    [InlineData("19001")]
    public async Task A_search_for_the_adopted_code_or_the_chinese_number_finds_the_adopting_standard(string typed)
    {
        await AsEditorAsync(await AdoptingStandardAsync());

        var search = await SendAsync(new SearchPortal.Query(typed));
        search.Hits.Select(h => h.Url).ShouldContain("/standards/gb-t-19001-2016");

        var finder = await SendAsync(new FindStandards.Query(typed));
        finder.Standards.Select(s => s.Slug).ShouldContain("gb-t-19001-2016");
        finder.Standards.Single(s => s.Slug == "gb-t-19001-2016").Adoption.ShouldBe("GB/T 19001\u20142016/ISO 9001:2015, identical (IDT)");
    }

    [Fact]
    public async Task A_search_for_a_drafting_organisation_finds_the_standard()
    {
        var command = await AdoptingStandardAsync();
        command.DraftingOrganisations = Organisation;
        await AsEditorAsync(command);

        (await SendAsync(new SearchPortal.Query("Zhongxin"))).Hits.Select(h => h.Url).ShouldContain("/standards/gb-t-19001-2016");
    }

    [Fact]
    public async Task The_adopted_standards_page_lists_the_chinese_standards_that_adopt_it_and_each_links_the_other()
    {
        var iso = await NewStandardAsync("ISO 9001:2015", "Quality management systems — Requirements");
        await AsEditorAsync(iso);
        await AsEditorAsync(await AdoptingStandardAsync());

        var adopted = (await SendAsync(new GetStandard.Query("iso-9001-2015"))).ShouldNotBeNull();
        var by = adopted.AdoptedBy.ShouldHaveSingleItem();
        by.Standard.Slug.ShouldBe("gb-t-19001-2016");
        by.Designation.ShouldBe("GB/T 19001\u20142016/ISO 9001:2015");
        by.Degree.ShouldBe("IDT");
        var adopting = (await SendAsync(new GetStandard.Query("gb-t-19001-2016"))).ShouldNotBeNull();
        adopting.Adoptions.ShouldHaveSingleItem().Adopted!.Slug.ShouldBe("iso-9001-2015");

        var (response, document) = await GetPageAsync("/standards/iso-9001-2015");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        document.QuerySelector("section.adopted-by a[href='/standards/gb-t-19001-2016']")!.TextContent.ShouldBe("GB/T 19001\u20142016/ISO 9001:2015");
    }

    [Fact]
    public async Task The_seed_links_the_critical_data_draft_to_the_text_the_newsletter_names_and_invents_no_other_link()
    {
        var draft = (await SendAsync(new GetStandard.Query("information-security-technology-guideline-for-identification-of-critical-data"))).ShouldNotBeNull();
        draft.Official.FullTextUrl.ShouldBe("https://www.tc260.org.cn/front/bzzqyjDetail.html?id=20220113195354&norm_id=20201104200036&recode_id=45625");
        draft.Official.RecordUrl.ShouldBeNull();
        draft.Official.PurchaseUrl.ShouldBeNull();
        var gb55015 = (await SendAsync(new GetStandard.Query("gb-55015-2021"))).ShouldNotBeNull();
        gb55015.Official.Any.ShouldBeFalse();
        gb55015.Adoptions.ShouldBeEmpty();
        (await WithDbAsync(db => db.StandardAdoptions.CountAsync(Ct))).ShouldBe(0);
    }
}
