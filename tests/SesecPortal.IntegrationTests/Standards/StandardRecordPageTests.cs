using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;

namespace SesecPortal.IntegrationTests.Standards;

/// <summary>The editor page of a standard's record and what it refuses (issue 18).</summary>
public sealed class StandardRecordPageTests(IntegrationFixture fixture) : StandardRecordTest(fixture)
{
    [Fact]
    public async Task Bad_adoptions_and_addresses_are_refused_with_a_message_on_their_field()
    {
        var command = await NewStandardAsync("GB/T 19002-2018", "Guidelines");
        command.Adoptions =
        [
            new() { Code = "ISO/TS 9002:2016" },
            new() { Degree = AdoptionDegree.Modified },
            new() { Code = "ISO 10005:2018", Degree = AdoptionDegree.Identical },
            new() { Code = "iso 10005 2018", Degree = AdoptionDegree.Identical },
        ];
        command.RecordUrl = "javascript:alert(1)";
        command.FullTextUrl = "ftp://example.com/text.pdf";
        command.PurchaseUrl = "not an address";

        var errors = (await Should.ThrowAsync<ValidationException>(() => AsEditorAsync(command))).Errors.ToList();

        errors.ShouldContain(e => e.PropertyName == "Adoptions[0].Degree" && e.ErrorMessage.Contains("IDT", StringComparison.Ordinal));
        errors.ShouldContain(e => e.PropertyName == "Adoptions[1].Code" && e.ErrorMessage.StartsWith("Give the code", StringComparison.Ordinal));
        errors.ShouldContain(e => e.PropertyName == "Adoptions" && e.ErrorMessage.Contains("same code", StringComparison.Ordinal));
        errors.ShouldContain(e => e.PropertyName == "RecordUrl" && e.ErrorMessage.Contains("https://", StringComparison.Ordinal));
        errors.ShouldContain(e => e.PropertyName == "FullTextUrl");
        errors.ShouldContain(e => e.PropertyName == "PurchaseUrl");
        (await WithDbAsync(db => db.Standards.AnyAsync(s => s.Slug == "gb-t-19002-2018", Ct))).ShouldBeFalse();
    }

    [Fact]
    public async Task The_editor_page_saves_the_new_fields_and_the_standard_page_shows_them_labelled()
    {
        using var client = await SignedInAsync(Editor, Roles.Editor);
        var fields = await FormFieldsAsync(client, "/editor/standards/new");
        var sector = await IdAsync(db => db.Sectors, "energy-efficiency");

        var saved = await PostFieldsAsync(client, "/editor/standards/new", fields, new()
        {
            ["Input.Code"] = "GB/T 19001-2016", ["Input.TitleEn"] = "Quality management systems — Requirements", ["Input.Status"] = "InForce",
            ["Input.SectorIds"] = sector.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Adoptions[0].Code"] = "ISO 9001:2015", ["Input.Adoptions[0].Degree"] = "Identical",
            ["Input.RecordUrl"] = "https://std.samr.gov.cn/gb/search/gbDetailed?id=1",
            ["Input.FullTextUrl"] = "https://openstd.samr.gov.cn/bzgk/gb/newGbInfo?hcno=2",
            ["Input.PurchaseUrl"] = "https://www.spc.org.cn/online/3",
            ["Input.DraftingOrganisations"] = Organisation, ["Input.Drafters"] = "Zhang San, Li Si",
            ["Input.CompetentDepartment"] = "State Administration for Market Regulation",
        });

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (response, page) = await GetPageAsync("/standards/gb-t-19001-2016");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("li.adoption")!.TextContent.ShouldBe("GB/T 19001\u20142016/ISO 9001:2015, identical (IDT)");
        var record = page.QuerySelector<IHtmlAnchorElement>("section.official-record a.record-url")!;
        record.Href.ShouldBe("https://std.samr.gov.cn/gb/search/gbDetailed?id=1");
        record.TextContent.ShouldContain("national standards information platform");
        record.GetAttribute("rel")!.ShouldContain("noopener");
        page.QuerySelector("a.full-text-url")!.GetAttribute("rel")!.ShouldContain("noopener");
        page.QuerySelector("a.purchase-url")!.TextContent.ShouldBe("Buy the text");
        page.QuerySelector("ul.drafting-organisations")!.TextContent.ShouldContain(Organisation);
        page.QuerySelector("dd.drafters")!.TextContent.ShouldBe("Zhang San, Li Si");
        page.QuerySelector("dd.competent-department")!.TextContent.ShouldBe("State Administration for Market Regulation");

        var id = await IdAsync(db => db.Standards, "gb-t-19001-2016");
        var form = await ParseHtmlAsync((await GetAsync(client, $"/editor/standards/{id}")).Html);
        form.QuerySelector<IHtmlInputElement>("input[name='Input.Adoptions[0].Code']")!.Value.ShouldBe("ISO 9001:2015");
        form.QuerySelector<IHtmlSelectElement>("select[name='Input.Adoptions[0].Degree']")!.Value.ShouldBe("Identical");
        form.QuerySelector<IHtmlTextAreaElement>("textarea[name='Input.Drafters']")!.Value.ShouldBe("Zhang San\nLi Si");
    }

    [Fact]
    public async Task Bad_input_on_the_editor_page_is_shown_next_to_its_field_and_keeps_what_was_typed()
    {
        using var client = await SignedInAsync(Editor, Roles.Editor);
        var id = await IdAsync(db => db.Standards, "gb-55015-2021");

        var response = await PostEditFormAsync(client, $"/editor/standards/{id}", new()
        {
            ["Input.Adoptions[0].Code"] = "ISO 52000-1:2017", ["Input.RecordUrl"] = "javascript:alert(1)",
            ["Input.DraftingOrganisations"] = "China Academy of Building Research",
            ["Input.Events[0].Kind"] = "Reviewed", ["Input.Events[0].On"] = "2024-01-01", ["Input.Events[0].Note"] = "typed review note",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var document = await ParseAsync(response);
        document.QuerySelector("#record-error")!.TextContent.ShouldContain("starting with http:// or https://");
        document.QuerySelector("span[data-valmsg-for='Input.Adoptions[0].Degree']")!.TextContent.ShouldContain("Choose the degree of adoption");
        document.QuerySelector<IHtmlInputElement>("input[name='Input.Adoptions[0].Code']")!.Value.ShouldBe("ISO 52000-1:2017");
        document.QuerySelector<IHtmlInputElement>("input[name='Input.RecordUrl']")!.Value.ShouldBe("javascript:alert(1)");
        document.QuerySelector<IHtmlTextAreaElement>("textarea[name='Input.DraftingOrganisations']")!.Value.ShouldBe("China Academy of Building Research");
        document.QuerySelector("span[data-valmsg-for='Input.Events[0].Conclusion']")!.TextContent.ShouldContain("Choose the review's conclusion");
        document.QuerySelector<IHtmlInputElement>("input[name='Input.Events[0].Note']")!.Value.ShouldBe("typed review note");
        (await WithDbAsync(db => db.Standards.Where(s => s.Id == id).Select(s => s.RecordUrl).SingleAsync(Ct))).ShouldBeNull();
    }
}
