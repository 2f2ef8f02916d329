using System.Net;
using System.Text;
using System.Text.Json;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.OpenData;
using SesecPortal.Application.Features.Standards;

namespace SesecPortal.IntegrationTests.Standards;

/// <summary>
/// ICS and CCS: the reference tables as the migration loads them, a standard's codes through the import, the editor, the
/// finder (a group's filter finds its sub-groups), the ICS pages, the read API, CSV and the export.
/// </summary>
public sealed class ClassificationTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    private static string Line(string id, string code, string ics, string? ccs) =>
        $$"""{"type":"standard","id":"{{id}}","code":"{{code}}","title":"Classified standard {{id}}","slug":"{{id}}-std","status":"effective","published_on":"2022-01-01","sectors":["ict"],"ics":{{ics}},"ccs":{{(ccs is null ? "null" : $"\"{ccs}\"")}}}""";

    private async Task<ImportContent.Result> ImportAsync(params string[] lines)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));
        using var _ = Fixture.ActAs("editor@example.com", Roles.Editor);
        return await SendAsync(new ImportContent.Command(stream));
    }

    private Task<ImportContent.Result> ImportThreeAsync() => ImportAsync(
        Line("ics1", "GB/T 90001-2022", """["35.240.30"]""", "L80"),
        Line("ics2", "GB/T 90002-2022", """["35.240", "13.020"]""", "l67"),
        Line("ics3", "GB/T 90003-2022", """["13.020.10"]""", "Z04"));

    private async Task<T> WithDbAsync<T>(Func<PortalDbContext, Task<T>> query)
    {
        await using var scope = Fixture.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    [Fact]
    public async Task The_migration_loads_the_whole_ICS_tree_and_the_24_CCS_classes()
    {
        var (groups, fields, subGroups, classes, l) = await WithDbAsync(async db => (
            await db.IcsGroups.CountAsync(Ct), await db.IcsGroups.CountAsync(g => g.ParentCode == null, Ct),
            await db.IcsGroups.CountAsync(g => g.Code.Length > 6, Ct), await db.CcsClasses.CountAsync(Ct),
            await db.CcsClasses.SingleAsync(c => c.Letter == "L", Ct)));
        (groups, fields, subGroups, classes).ShouldBe((1381, 40, 940, 24));
        l.TitleZh.ShouldBe("电子元器件与信息技术");
        (await WithDbAsync(db => db.IcsGroups.SingleAsync(g => g.Code == "35.240.30", Ct))).ParentCode.ShouldBe("35.240");
    }

    [Fact]
    public async Task An_ICS_filter_finds_the_sub_groups_standards_and_a_CCS_filter_its_class()
    {
        (await ImportThreeAsync()).Errors.ShouldBeEmpty();

        (await SendAsync(new FindStandards.Query(Ics: ["35.240"]))).Standards.Select(s => s.Code).ShouldBe(["GB/T 90001-2022", "GB/T 90002-2022"]);
        (await SendAsync(new FindStandards.Query(Ics: ["13"]))).Standards.Select(s => s.Code).ShouldBe(["GB/T 90002-2022", "GB/T 90003-2022"]);
        (await SendAsync(new FindStandards.Query(Ics: ["35.240.30"]))).Standards.Single().Ics.ShouldBe(["35.240.30"]);
        var byClass = await SendAsync(new FindStandards.Query(Ccs: ["l"]));
        byClass.Standards.Select(s => s.Ccs).ShouldBe(["L80", "L67"], ignoreOrder: true);
        byClass.Ccs.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            c => c.Value.ShouldBe("L"), c => c.Selected.ShouldBeTrue(), c => c.Count.ShouldBe(2), c => c.Label.ShouldContain("电子元器件与信息技术"));
        var all = await SendAsync(new FindStandards.Query(Q: "classified standard"));
        all.Ics.Select(i => $"{i.Value} {i.Count}").ShouldBe(["13 2", "35 2"]);
        all.Ccs.Select(c => $"{c.Value} {c.Count}").ShouldBe(["L 2", "Z 1"]);
        var below = await SendAsync(new FindStandards.Query(Ics: ["35"]));
        below.Ics.Select(i => $"{i.Value} {i.Count} {i.Selected}").ShouldBe(["35 2 True", "35.240 2 False"]);
    }

    [Fact]
    public async Task Unknown_ICS_groups_and_CCS_classes_in_a_filter_are_reported_and_ignored()
    {
        var result = await SendAsync(new FindStandards.Query(Ics: ["99.999", "35.240"], Ccs: ["I", "L80"]));

        result.Messages.ShouldContain("There is no ICS group “99.999”; that filter was ignored.");
        result.Messages.ShouldContain("There is no CCS class “I”; that filter was ignored.");
        result.Messages.ShouldContain("There is no CCS class “L80”; that filter was ignored.");
        var (response, _) = await GetPageAsync("/standards?ics=nonsense&ccs=%3Cb%3E");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_import_reports_unknown_ICS_codes_and_malformed_CCS_codes_and_keeps_the_good_lines()
    {
        var result = await ImportAsync(
            Line("ok1", "GB/T 90011-2022", """["35.240.30"]""", "L80"),
            Line("bad1", "GB/T 90012-2022", """["35.999"]""", "L80"),
            Line("bad2", "GB/T 90013-2022", """["35.240"]""", "L8"),
            Line("bad3", "GB/T 90014-2022", """["35.240"]""", "I10"));

        result.Added["standard"].ShouldBe(1);
        result.Errors.Select(e => (e.Line, e.Id)).ShouldBe([(2, "bad1"), (3, "bad2"), (4, "bad3")]);
        result.Errors[0].Message.ShouldContain("ics “35.999” is not a group of the ICS");
        result.Errors[1].Message.ShouldContain("ccs “L8”");
        var ok = await WithDbAsync(db => db.Standards.Where(s => s.ExternalId == "ok1").Select(s => new { s.CcsCode, Ics = s.Ics.Select(g => g.Code).ToList() }).SingleAsync(Ct));
        ok.CcsCode.ShouldBe("L80");
        ok.Ics.ShouldBe(["35.240.30"]);
    }

    [Fact]
    public async Task Export_and_re_import_keep_ICS_and_CCS_and_change_nothing()
    {
        await ImportThreeAsync();
        using var output = new MemoryStream();
        await SendAsync(new ExportContent.Query(output, Kind: ["standard"]));
        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var two = JsonDocument.Parse(lines.Single(l => l.Contains("\"ics2\"", StringComparison.Ordinal))).RootElement;
        two.GetProperty("ics").EnumerateArray().Select(e => e.GetString()).ShouldBe(["13.020", "35.240"]);
        two.GetProperty("ccs").GetString().ShouldBe("L67");

        // The seed's own standards have no interchange id of their own (portal-standard-N): the imported ones go back in.
        var again = await ImportAsync([.. lines.Where(l => l.Contains("\"id\":\"ics", StringComparison.Ordinal))]);

        again.Errors.ShouldBeEmpty();
        again.Updated.Values.Sum().ShouldBe(0);
        var changed = await ImportAsync(Line("ics2", "GB/T 90002-2022", """["35.240.30"]""", null));
        changed.Updated["standard"].ShouldBe(1);
        (await SendAsync(new FindStandards.Query(Ics: ["13"]))).Standards.Select(s => s.Code).ShouldBe(["GB/T 90003-2022"]);
        (await SendAsync(new FindStandards.Query(Ccs: ["L"]))).Total.ShouldBe(1);
    }

    [Fact]
    public async Task The_editor_saves_ICS_and_CCS_codes_and_refuses_unknown_ones_with_a_message()
    {
        var sector = await WithDbAsync(db => db.Sectors.Select(s => s.Id).FirstAsync(Ct));
        using var _ = Fixture.ActAs("editor@example.com", Roles.Editor);
        var bad = new EditStandard.Command { Code = "GB/T 90021-2022", TitleEn = "Edited", Status = StandardStatus.InForce, SectorIds = [sector], Ics = "35.240.30, 35.999", Ccs = "L800" };
        var refused = await Should.ThrowAsync<ValidationException>(() => SendAsync(bad));
        refused.Errors.Select(e => (e.PropertyName, e.ErrorMessage)).ShouldBe([
            ("Ics", $"“35.999” is not an ICS code. {Classification.IcsMessage}"), ("Ccs", Classification.CcsMessage)]);

        var id = await SendAsync(bad with { Ics = "35.240.30 13.020", Ccs = "l80" });

        var form = await SendAsync(new EditStandard.Query(id));
        form!.Ics.ShouldBe("13.020, 35.240.30");
        form.Ccs.ShouldBe("L80");
        (await SendAsync(new FindStandards.Query(Ics: ["35.240"]))).Standards.ShouldContain(s => s.Code == "GB/T 90021-2022");
        var cleared = await SendAsync(form with { Ics = "", Ccs = "" });
        (await SendAsync(new FindStandards.Query(Ics: ["35.240"]))).Standards.ShouldNotContain(s => s.Code == "GB/T 90021-2022");
        cleared.ShouldBe(id);
    }

    [Fact]
    public async Task The_ICS_pages_browse_the_tree_with_counts_and_list_a_groups_standards()
    {
        await ImportThreeAsync();

        var (top, tree) = await GetPageAsync("/ics");
        top.StatusCode.ShouldBe(HttpStatusCode.OK);
        var field = tree.QuerySelectorAll(".ics-tree > li").Single(li => li.QuerySelector("a")!.GetAttribute("href") == "/ics/35");
        field.QuerySelector(":scope > .count")!.TextContent.ShouldBe("2 standards");
        field.QuerySelectorAll(":scope ul a").Select(a => a.GetAttribute("href")).ShouldBe(["/ics/35.240"]);
        tree.QuerySelectorAll(".ics-tree > li").Length.ShouldBe(40);

        var (groupResponse, group) = await GetPageAsync("/ics/35.240");
        groupResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        group.QuerySelector("h1")!.TextContent.ShouldContain("Applications of information technology");
        group.QuerySelectorAll(".ics-tree li").Single(li => li.TextContent.Contains("35.240.30", StringComparison.Ordinal)).QuerySelector(".count")!.TextContent.ShouldBe("1 standard");
        group.QuerySelectorAll("table.data td.code").Select(td => td.TextContent).ShouldBe(["GB/T 90001-2022", "GB/T 90002-2022"]);
        group.QuerySelector("nav.breadcrumb a[href='/ics/35']").ShouldNotBeNull();

        var (filtered, filteredPage) = await GetPageAsync("/ics/35.240?ccs=Z&status=lost");
        filtered.StatusCode.ShouldBe(HttpStatusCode.OK);
        filteredPage.QuerySelectorAll("table.data td.code").ShouldBeEmpty();
        filteredPage.QuerySelector("[role=status]")!.TextContent.ShouldContain("lost");

        (await GetPageAsync("/ics/35.999")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_read_API_and_the_CSV_carry_ICS_and_CCS()
    {
        await ImportThreeAsync();
        using var client = Fixture.CreateClient();

        var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/standards?ics=35.240.30", UriKind.Relative), Ct)).RootElement;
        var item = json.GetProperty("items").EnumerateArray().Single();
        item.GetProperty("ics").EnumerateArray().Select(e => e.GetString()).ShouldBe(["35.240.30"]);
        item.GetProperty("ccs").GetString().ShouldBe("L80");
        var detail = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/standards/ics2-std", UriKind.Relative), Ct)).RootElement;
        detail.GetProperty("ics").EnumerateArray().Select(e => e.GetProperty("slug").GetString()).ShouldBe(["13.020", "35.240"]);
        detail.GetProperty("ccs").GetString().ShouldBe("L67");

        var csv = await client.GetStringAsync(new Uri("/api/v1/standards.csv?ccs=L", UriKind.Relative), Ct);
        var rows = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        rows[0].ShouldEndWith(",ics,ccs");
        rows.ShouldContain(r => r.StartsWith("GB/T 90002-2022,", StringComparison.Ordinal) && r.EndsWith(",13.020; 35.240,L67", StringComparison.Ordinal));
        rows.Length.ShouldBe(3);
    }
}
