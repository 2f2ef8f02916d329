using System.Text.Json;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.OpenData;
using SesecPortal.Application.Features.Search;
using SesecPortal.IntegrationTests.Standards;

namespace SesecPortal.IntegrationTests.OpenData;

/// <summary>A standard's record goes through import and export unchanged, and bad lines are reported (issue 18).</summary>
public sealed class StandardRecordImportTests(IntegrationFixture fixture) : StandardRecordTest(fixture)
{
    private const string FullLine = """
        {"type":"standard","id":"s19001","code":"GB/T 19001-2016","title":"Quality management systems — Requirements","title_zh":"质量管理体系 要求","slug":"gb-t-19001-2016","status":"effective","published_on":"2016-12-30","effective_on":"2017-07-01","sectors":["carbon"],"adoptions":[{"code":"ISO 9001:2015","degree":"IDT"},{"code":"IEC 60300-1:2014","degree":"neq"}],"record_url":"https://std.samr.gov.cn/gb/search/gbDetailed?id=1","full_text_url":"https://openstd.samr.gov.cn/bzgk/gb/newGbInfo?hcno=2","purchase_url":"https://www.spc.org.cn/online/3","drafting_organisations":["China Quality Certification Centre Zhongxin","China National Institute of Standardization"],"drafters":["Zhang San","Li Si"],"competent_department":"State Administration for Market Regulation","edition_note":"Aligned with the high-level structure.","amendments":[{"on":"2023-05-01","number":"XG1-2023","note":"Clause 7.1.5 corrected"}],"reviews":[{"on":"2021-12-31","conclusion":"confirmed"}]}
        """;

    [Fact]
    public async Task An_imported_line_keeps_every_new_field_and_its_export_imports_back_the_same()
    {
        (await ImportAsync(FullLine)).Errors.ShouldBeEmpty();

        var stored = await WithDbAsync(db => db.Standards.Include(s => s.Adoptions).SingleAsync(s => s.ExternalId == "s19001", Ct));
        stored.Adoptions.OrderBy(a => a.Position).Select(a => (a.Code, a.CodeKey, a.Degree))
            .ShouldBe([("ISO 9001:2015", "ISO90012015", AdoptionDegree.Identical), ("IEC 60300-1:2014", "IEC6030012014", AdoptionDegree.NotEquivalent)]);
        stored.RecordUrl.ShouldBe("https://std.samr.gov.cn/gb/search/gbDetailed?id=1");
        stored.FullTextUrl.ShouldBe("https://openstd.samr.gov.cn/bzgk/gb/newGbInfo?hcno=2");
        stored.PurchaseUrl.ShouldBe("https://www.spc.org.cn/online/3");
        stored.DraftingOrganisations.ShouldBe([Organisation, "China National Institute of Standardization"]);
        stored.Drafters.ShouldBe(["Zhang San", "Li Si"]);
        stored.CompetentDepartment.ShouldBe("State Administration for Market Regulation");
        stored.EditionNote.ShouldBe("Aligned with the high-level structure.");
        (await WithDbAsync(db => db.StandardEvents.Where(e => e.StandardId == stored.Id).OrderBy(e => e.On).Select(e => e.Number ?? e.Conclusion.ToString()).ToListAsync(Ct)))
            .ShouldBe(["Confirmed", "XG1-2023"]);
        (await SendAsync(new SearchPortal.Query("ISO 9001"))).Hits.Select(h => h.Url).ShouldContain("/standards/gb-t-19001-2016");

        var exported = ExportedLine(await ExportAsync(), "s19001");
        var line = JsonDocument.Parse(exported).RootElement;
        line.GetProperty("adoptions").EnumerateArray().Select(a => (a.GetProperty("code").GetString(), a.GetProperty("degree").GetString()))
            .ShouldBe([("ISO 9001:2015", "IDT"), ("IEC 60300-1:2014", "NEQ")]);
        line.GetProperty("record_url").GetString().ShouldBe(stored.RecordUrl);
        line.GetProperty("full_text_url").GetString().ShouldBe(stored.FullTextUrl);
        line.GetProperty("purchase_url").GetString().ShouldBe(stored.PurchaseUrl);
        line.GetProperty("drafting_organisations").GetArrayLength().ShouldBe(2);
        line.GetProperty("drafters").GetArrayLength().ShouldBe(2);
        line.GetProperty("competent_department").GetString().ShouldBe(stored.CompetentDepartment);
        line.GetProperty("edition_note").GetString().ShouldBe("Aligned with the high-level structure.");
        var amendment = line.GetProperty("amendments").EnumerateArray().ShouldHaveSingleItem();
        (amendment.GetProperty("on").GetString(), amendment.GetProperty("number").GetString(), amendment.GetProperty("note").GetString())
            .ShouldBe(("2023-05-01", "XG1-2023", "Clause 7.1.5 corrected"));
        var review = line.GetProperty("reviews").EnumerateArray().ShouldHaveSingleItem();
        (review.GetProperty("on").GetString(), review.GetProperty("conclusion").GetString()).ShouldBe(("2021-12-31", "confirmed"));

        // The same line again writes nothing; a changed adoption is an update.
        var again = await ImportAsync(exported);
        again.Unchanged!.GetValueOrDefault(Interchange.Standard).ShouldBe(1);
        var changed = await ImportAsync(exported.Replace("\"IDT\"", "\"MOD\"", StringComparison.Ordinal));
        changed.Updated.GetValueOrDefault(Interchange.Standard).ShouldBe(1);
        (await WithDbAsync(db => db.StandardAdoptions.Where(a => a.StandardId == stored.Id && a.Position == 0).Select(a => a.Degree).SingleAsync(Ct)))
            .ShouldBe(AdoptionDegree.Modified);

        // Into an empty portal: the same record.
        var before = ExportedLine(await ExportAsync(), "s19001");
        await WithDbAsync(db => db.Database.ExecuteSqlRawAsync("TRUNCATE standards CASCADE", Ct));
        (await ImportAsync(before)).Errors.ShouldBeEmpty();
        ExportedLine(await ExportAsync(), "s19001").ShouldBe(before);
    }

    [Theory]
    [InlineData("""{"code":"ISO 9001:2015","degree":"XYZ"}""", "degree “XYZ” is not one of IDT, MOD, NEQ")]
    [InlineData("""{"code":"ISO 9001:2015"}""", "degree is missing")]
    [InlineData("""{"degree":"IDT"}""", "code is missing")]
    [InlineData("\"ISO 9001:2015\"", "must be an object")]
    public async Task A_bad_adoption_is_reported_by_line_and_the_good_lines_are_kept(string adoption, string reason)
    {
        var bad = FullLine.Replace("""{"code":"ISO 9001:2015","degree":"IDT"}""", adoption, StringComparison.Ordinal)
            .Replace("s19001", "s-bad", StringComparison.Ordinal).Replace("GB/T 19001-2016", "GB/T 19004-2020", StringComparison.Ordinal)
            .Replace("gb-t-19001-2016", "gb-t-19004-2020", StringComparison.Ordinal);

        var result = await ImportAsync(Good("s-first", "GB/T 99991-2022"), bad, Good("s-last", "GB/T 99992-2022"));

        result.Errors.ShouldHaveSingleItem().Line.ShouldBe(2);
        result.Errors[0].Message.ShouldContain(reason);
        result.Imported.ShouldBe(2);
        (await WithDbAsync(db => db.Standards.CountAsync(s => s.ExternalId == "s-first" || s.ExternalId == "s-last", Ct))).ShouldBe(2);
    }

    [Theory]
    [InlineData("""[{"on":"2021-12-31","conclusion":"maybe"}]""", "reviews[1]: conclusion “maybe” is not one of confirmed, revise, withdraw")]
    [InlineData("""[{"conclusion":"confirmed"}]""", "reviews[1]: on is missing")]
    [InlineData("""["confirmed"]""", "reviews[1] must be an object")]
    public async Task A_bad_review_is_reported_by_line_and_the_good_lines_are_kept(string reviews, string reason)
    {
        var bad = $$"""{"type":"standard","id":"s-bad","title":"T","slug":"t-bad","status":"effective","reviews":{{reviews}}}""";

        var result = await ImportAsync(Good("s-first", "GB/T 99991-2022"), bad);

        result.Errors.ShouldHaveSingleItem().Line.ShouldBe(2);
        result.Errors[0].Message.ShouldContain(reason);
        result.Imported.ShouldBe(1);
    }

    [Fact]
    public async Task A_line_without_amendments_leaves_the_amendments_an_editor_recorded()
    {
        (await ImportAsync(FullLine)).Errors.ShouldBeEmpty();
        var without = FullLine.Replace(""","amendments":[{"on":"2023-05-01","number":"XG1-2023","note":"Clause 7.1.5 corrected"}]""", "", StringComparison.Ordinal)
            .Replace("Quality management systems — Requirements", "Quality management systems — Requirements (renamed)", StringComparison.Ordinal);

        (await ImportAsync(without)).Updated.GetValueOrDefault(Interchange.Standard).ShouldBe(1);

        (await WithDbAsync(db => db.StandardEvents.CountAsync(e => e.Kind == StandardEventKind.Amended && e.Number == "XG1-2023", Ct))).ShouldBe(1);
    }

    [Theory]
    [InlineData("record_url", "javascript:alert(1)")]
    [InlineData("full_text_url", "ftp://example.com/a.pdf")]
    [InlineData("purchase_url", "www.spc.org.cn")]
    public async Task A_bad_address_is_reported_by_line_and_the_good_lines_are_kept(string field, string value)
    {
        var bad = $$"""{"type":"standard","id":"s-bad","title":"T","slug":"t-bad","status":"effective","{{field}}":"{{value}}"}""";

        var result = await ImportAsync(Good("s-first", "GB/T 99991-2022"), bad);

        result.Errors.ShouldHaveSingleItem().Line.ShouldBe(2);
        result.Errors[0].Message.ShouldContain(field);
        result.Errors[0].Message.ShouldContain("http://");
        result.Imported.ShouldBe(1);
    }
}
