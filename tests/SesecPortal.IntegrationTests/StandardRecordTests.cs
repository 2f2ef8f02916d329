using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.OpenData;
using SesecPortal.Application.Features.Search;
using SesecPortal.Application.Features.Standards;

namespace SesecPortal.IntegrationTests;

/// <summary>
/// A standard's record as the national platforms keep it (issue 18): several adoptions, the official record, full-text and
/// purchase links, drafting organisations, drafters and the competent department, through the editor, the pages, the
/// search, the finder, the read API and the interchange format.
/// </summary>
public sealed class StandardRecordTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    private const string Editor = "editor@example.com";
    private const string Organisation = "China Quality Certification Centre Zhongxin";

    // ---- handlers ----

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

    [Fact]
    public async Task The_note_on_what_changed_from_the_previous_edition_shows_on_both_editions_pages()
    {
        var newer = await NewStandardAsync("GB/T 99001-2022", "Hydrogen refuelling stations");
        newer.EditionNote = "Adds **leak detection** requirements; the safety distances of clause 5 are shortened.";
        await AsEditorAsync(newer);
        var older = await NewStandardAsync("GB/T 99001-2015", "Hydrogen refuelling stations");
        older.ReplacedBy = "GB/T 99001-2022";
        older.Status = StandardStatus.Superseded;
        await AsEditorAsync(older);

        var current = (await SendAsync(new GetStandard.Query("gb-t-99001-2022"))).ShouldNotBeNull();
        current.EditionNoteHtml.ShouldContain("<strong>leak detection</strong>");
        var replaced = (await SendAsync(new GetStandard.Query("gb-t-99001-2015"))).ShouldNotBeNull();
        replaced.SuccessorNoteHtml.ShouldContain("<strong>leak detection</strong>");
        replaced.EditionNoteHtml.ShouldBeEmpty();

        var (_, newPage) = await GetPageAsync("/standards/gb-t-99001-2022");
        newPage.QuerySelector("#edition-changes")!.TextContent.ShouldBe("What changed from the previous edition");
        newPage.QuerySelector(".edition-note")!.TextContent.ShouldContain("leak detection requirements");
        var (_, oldPage) = await GetPageAsync("/standards/gb-t-99001-2015");
        oldPage.QuerySelector("#successor-changes")!.TextContent.ShouldBe("What changed in GB/T 99001-2022");
        oldPage.QuerySelector(".successor-note")!.TextContent.ShouldContain("leak detection requirements");

        var id = await IdAsync(db => db.Standards, "gb-t-99001-2022");
        (await SendAsync(new EditStandard.Query(id)))!.EditionNote.ShouldBe(newer.EditionNote);
        var tooLong = (await SendAsync(new EditStandard.Query(id)))!;
        tooLong.EditionNote = new string('x', 4001);
        (await Should.ThrowAsync<ValidationException>(() => AsEditorAsync(tooLong))).Errors
            .ShouldContain(e => e.PropertyName == "EditionNote" && e.ErrorMessage.Contains("4000", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Amendments_keep_their_number_and_periodic_reviews_their_conclusion_on_the_timeline()
    {
        var command = await AdoptingStandardAsync();
        command.Events =
        [
            new() { Kind = StandardEventKind.Amended, On = new DateOnly(2023, 5, 1), Number = "XG1-2023", Note = "Clause 7.1.5 corrected" },
            new() { Kind = StandardEventKind.Reviewed, On = new DateOnly(2021, 12, 31), Conclusion = ReviewConclusion.Confirmed },
            new(),
        ];
        var id = await AsEditorAsync(command);

        var stored = await WithDbAsync(db => db.StandardEvents.Where(e => e.StandardId == id).OrderBy(e => e.On).ToListAsync(Ct));
        stored.Select(e => (e.Kind, e.Number, e.Conclusion))
            .ShouldBe([(StandardEventKind.Reviewed, (string?)null, (ReviewConclusion?)ReviewConclusion.Confirmed), (StandardEventKind.Amended, "XG1-2023", null)]);
        var page = (await SendAsync(new GetStandard.Query("gb-t-19001-2016"))).ShouldNotBeNull();
        page.Timeline.Select(e => e.Label).ShouldContain("Amendment XG1-2023");
        page.Timeline.Select(e => e.Label).ShouldContain("Periodic review: confirmed");
        var form = (await SendAsync(new EditStandard.Query(id))).ShouldNotBeNull();
        form.Events.Select(e => e.Number).ShouldBe([null, "XG1-2023"]);

        var (_, html) = await GetPageAsync("/standards/gb-t-19001-2016");
        html.QuerySelector("section.timeline")!.TextContent.ShouldContain("Amendment XG1-2023");
        html.QuerySelector("section.timeline")!.TextContent.ShouldContain("Periodic review: confirmed");
    }

    [Fact]
    public async Task A_review_without_a_conclusion_or_a_number_on_something_else_is_refused_on_its_row()
    {
        var command = await NewStandardAsync("GB/T 19003-2020", "Guidelines");
        command.Events =
        [
            new() { Kind = StandardEventKind.Reviewed, On = new DateOnly(2024, 1, 1) },
            new() { Kind = StandardEventKind.Withdrawn, On = new DateOnly(2024, 2, 1), Number = "XG9" },
            new() { Kind = StandardEventKind.Amended, On = new DateOnly(2024, 3, 1), Conclusion = ReviewConclusion.Revise },
        ];

        var errors = (await Should.ThrowAsync<ValidationException>(() => AsEditorAsync(command))).Errors.ToList();

        errors.ShouldContain(e => e.PropertyName == "Events[0].Conclusion" && e.ErrorMessage.StartsWith("Choose the review's conclusion", StringComparison.Ordinal));
        errors.ShouldContain(e => e.PropertyName == "Events[1].Number" && e.ErrorMessage.StartsWith("Only an amendment", StringComparison.Ordinal));
        errors.ShouldContain(e => e.PropertyName == "Events[2].Conclusion" && e.ErrorMessage.StartsWith("Only a periodic review", StringComparison.Ordinal));
    }

    // ---- pages ----

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

    [Fact]
    public async Task The_read_api_gives_the_adoptions_links_and_drafters()
    {
        var command = await AdoptingStandardAsync();
        command.RecordUrl = "https://std.samr.gov.cn/gb/search/gbDetailed?id=1";
        command.DraftingOrganisations = Organisation;
        await AsEditorAsync(command);
        using var client = Fixture.CreateClient();

        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/standards/gb-t-19001-2016", UriKind.Relative), Ct));

        var root = json.RootElement;
        var adoption = root.GetProperty("adoptions").EnumerateArray().ShouldHaveSingleItem();
        adoption.GetProperty("designation").GetString().ShouldBe("GB/T 19001\u20142016/ISO 9001:2015");
        adoption.GetProperty("degree").GetString().ShouldBe("IDT");
        root.GetProperty("official").GetProperty("recordUrl").GetString().ShouldBe("https://std.samr.gov.cn/gb/search/gbDetailed?id=1");
        root.GetProperty("draftingOrganisations").EnumerateArray().Select(e => e.GetString()).ShouldBe([Organisation]);
        var csv = await client.GetStringAsync(new Uri("/api/v1/standards.csv?q=19001", UriKind.Relative), Ct);
        csv.ShouldContain("GB/T 19001\u20142016/ISO 9001:2015, identical (IDT)");
    }

    // ---- import and export ----

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

    // ---- helpers ----

    private static string Good(string id, string code) =>
        $$"""{"type":"standard","id":"{{id}}","code":"{{code}}","title":"A good standard","slug":"{{Application.Domain.Slug.From(code)}}","status":"effective","adoptions":[{"code":"ISO 14001:2015","degree":"MOD"}]}""";

    private static string ExportedLine(string export, string id) =>
        export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single(l => l.Contains($"\"id\":\"{id}\"", StringComparison.Ordinal));

    private async Task<ImportContent.Result> ImportAsync(params string[] lines)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));
        return await SendAsync(new ImportContent.Command(stream));
    }

    private async Task<string> ExportAsync()
    {
        using var output = new MemoryStream();
        await SendAsync(new ExportContent.Query(output));
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private async Task<EditStandard.Command> AdoptingStandardAsync()
    {
        var command = await NewStandardAsync("GB/T 19001—2016", "Quality management systems — Requirements");
        command.Adoptions = [new() { Code = "ISO 9001:2015", Degree = AdoptionDegree.Identical }];
        return command;
    }

    private async Task<EditStandard.Command> NewStandardAsync(string code, string title) => new()
    {
        Code = code, TitleEn = title, Status = StandardStatus.InForce, SectorIds = [await IdAsync(db => db.Sectors, "energy-efficiency")],
    };

    private async Task<T> AsEditorAsync<T>(ICommand<T> command)
    {
        using var _ = Fixture.ActAs(Editor, Roles.Editor);
        await using var scope = Fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, Ct);
    }

    private async Task<T> WithDbAsync<T>(Func<PortalDbContext, Task<T>> read)
    {
        await using var scope = Fixture.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    private Task<int> IdAsync<TItem>(Func<PortalDbContext, IQueryable<TItem>> set, string slug)
        where TItem : class =>
        WithDbAsync(db => set(db).Where(i => EF.Property<string>(i, "Slug") == slug).Select(i => EF.Property<int>(i, "Id")).SingleAsync(Ct));

    private static async Task<(HttpStatusCode Status, string Html)> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private static async Task<IHtmlDocument> ParseHtmlAsync(string html) =>
        (IHtmlDocument)await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html), Ct);

    private static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) => await ParseHtmlAsync(await response.Content.ReadAsStringAsync(Ct));

    private static Task<List<KeyValuePair<string, string>>> FormFieldsAsync(HttpClient client, string path) => EditorForms.FieldsAsync(client, path);

    private static Task<HttpResponseMessage> PostFieldsAsync(HttpClient client, string path, List<KeyValuePair<string, string>> fields, Dictionary<string, string> changes) =>
        EditorForms.PostAsync(client, path, fields, changes);

    private static async Task<HttpResponseMessage> PostEditFormAsync(HttpClient client, string path, Dictionary<string, string> changes) =>
        await PostFieldsAsync(client, path, await FormFieldsAsync(client, path), changes);
}
