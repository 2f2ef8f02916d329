using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.OpenData;
using SesecPortal.Application.Features.Standards;

namespace SesecPortal.IntegrationTests.Standards;

/// <summary>
/// A national plan's record: its stages with their dates (approved, drafting, for comments, technical review, submitted
/// for approval, published), its nature from the number's letter, the department code, the deadline and the overdue flag;
/// through the editor, the page, the read API and the import and export.
/// </summary>
public sealed class NationalPlanTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    private const string Editor = "editor@example.com";

    private const string PlanLine = """
        {"type":"standard","id":"plan-1","code":"20250101-T-469","title":"Information technology — Plan under way","slug":"plan-20250101-t-469","status":"draft","sectors":["ict"],"plan_deadline":"2026-06-30","plan_stages":[{"stage":"approved","on":"2025-01-10"},{"stage":"drafting","on":"2025-03-01"},{"stage":"technical_review","on":"2026-02-01"}]}
        """;

    [Fact]
    public async Task The_editor_records_a_plans_stages_and_deadline_and_its_page_shows_them_with_the_current_stage_and_overdue()
    {
        var command = await PlanAsync("20250101-T-469", deadline: new DateOnly(2026, 6, 30));
        command.DraftedOn = new DateOnly(2025, 9, 1);
        command.Events =
        [
            new() { Kind = StandardEventKind.PlanApproved, On = new DateOnly(2025, 1, 10) },
            new() { Kind = StandardEventKind.Drafting, On = new DateOnly(2025, 3, 1) },
            new() { Kind = StandardEventKind.TechnicalReview, On = new DateOnly(2026, 2, 1) },
        ];
        await AsEditorAsync(command);

        var plan = (await SendAsync(new GetStandard.Query("20250101-t-469"))).ShouldNotBeNull().Plan.ShouldNotBeNull();
        plan.Number.ShouldBe("20250101-T-469");
        plan.Nature.ShouldStartWith("Recommended national standard");
        plan.DepartmentCode.ShouldBe("469");
        plan.Deadline.ShouldBe("30 June 2026");
        plan.Overdue.ShouldBeTrue();
        plan.Stages.Select(s => (s.Kind, s.On, s.Reached)).ShouldBe([
            (PlanStage.Approved, (DateOnly?)new DateOnly(2025, 1, 10), true), (PlanStage.Drafting, new DateOnly(2025, 3, 1), true),
            (PlanStage.ForComments, new DateOnly(2025, 9, 1), true), (PlanStage.TechnicalReview, new DateOnly(2026, 2, 1), true),
            (PlanStage.SubmittedForApproval, null, false), (PlanStage.Published, null, false)]);
        plan.Stages.Single(s => s.Current).Kind.ShouldBe(PlanStage.TechnicalReview);

        var (response, page) = await GetPageAsync("/standards/20250101-t-469");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var section = page.QuerySelector("section.plan").ShouldNotBeNull();
        section.QuerySelector("p.plan-overdue")!.TextContent.ShouldContain("30 June 2026");
        section.QuerySelector("dd.plan-nature")!.TextContent.ShouldContain("(T, 推荐性)");
        section.QuerySelector("dd.plan-department")!.TextContent.ShouldStartWith("469");
        section.QuerySelector("li[aria-current='step']")!.TextContent.ShouldContain("Technical review");
        section.QuerySelectorAll("ol.plan-stages li").Select(li => li.QuerySelector(".stage")!.TextContent).ShouldBe(
            ["Plan approved", "Drafting", "Draft for comments", "Technical review", "Submitted for approval", "Published"]);
        section.QuerySelectorAll("ol.plan-stages li.to-come").Length.ShouldBe(2);
    }

    [Fact]
    public async Task A_plan_whose_standard_is_published_is_not_overdue_and_every_stage_counts_as_reached()
    {
        var plan = await PlanAsync("20240202-Q-339", deadline: new DateOnly(2025, 12, 31));
        await AsEditorAsync(plan);
        var standard = await PlanAsync("GB 99001-2025", deadline: new DateOnly(2025, 12, 31));
        standard.PlanCode = "20240202-Q-339";
        standard.PublishedOn = new DateOnly(2025, 11, 20);
        standard.Status = StandardStatus.Published;
        await AsEditorAsync(standard);

        var record = (await SendAsync(new GetStandard.Query("20240202-q-339"))).ShouldNotBeNull().Plan.ShouldNotBeNull();
        record.Nature.ShouldStartWith("Mandatory national standard");
        record.Overdue.ShouldBeFalse();
        record.Stages.ShouldAllBe(s => s.Reached);
        record.Stages[^1].On.ShouldBe(new DateOnly(2025, 11, 20));
        record.Stages[0].When.ShouldBe("date not recorded");

        var drafted = (await SendAsync(new GetStandard.Query("gb-99001-2025"))).ShouldNotBeNull().Plan.ShouldNotBeNull();
        drafted.Number.ShouldBe("20240202-Q-339");
        drafted.Overdue.ShouldBeFalse();
    }

    [Fact]
    public async Task A_deadline_without_a_plan_number_or_far_from_the_plans_year_is_refused_with_a_message()
    {
        var noPlan = await PlanAsync("GB/T 99002-2024", deadline: new DateOnly(2026, 1, 1));
        var far = await PlanAsync("20250303-Z-469", deadline: new DateOnly(2040, 1, 1));

        (await Should.ThrowAsync<ValidationException>(() => AsEditorAsync(noPlan))).Errors
            .ShouldContain(e => e.PropertyName == "PlanDeadline" && e.ErrorMessage.StartsWith("A deadline belongs to a national plan", StringComparison.Ordinal));
        (await Should.ThrowAsync<ValidationException>(() => AsEditorAsync(far))).Errors
            .ShouldContain(e => e.PropertyName == "PlanDeadline" && e.ErrorMessage.Contains("(2025)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_editor_page_saves_the_deadline_and_keeps_a_refused_one_with_its_message()
    {
        using var client = await SignedInAsync(Editor, Roles.Editor);
        var sector = await IdAsync("ict");
        var fields = await EditorForms.FieldsAsync(client, "/editor/standards/new");
        var form = new Dictionary<string, string>
        {
            ["Input.Code"] = "20250404-T-469", ["Input.TitleEn"] = "A plan from the form", ["Input.Status"] = "DraftForComments",
            ["Input.SectorIds"] = sector.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.PlanDeadline"] = "2024-01-01",
            ["Input.Events[0].Kind"] = "PlanApproved", ["Input.Events[0].On"] = "2025-04-04",
        };

        var refused = await EditorForms.PostAsync(client, "/editor/standards/new", fields, form);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await EditorForms.ParseAsync(refused);
        page.QuerySelector("#plan-deadline-error")!.TextContent.ShouldContain("within ten years of the plan's year (2025)");
        page.QuerySelector<IHtmlInputElement>("input[name='Input.PlanDeadline']")!.Value.ShouldBe("2024-01-01");

        form["Input.PlanDeadline"] = "2027-04-30";
        (await EditorForms.PostAsync(client, "/editor/standards/new", fields, form)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, shown) = await GetPageAsync("/standards/20250404-t-469");
        shown.QuerySelector("dd.plan-deadline")!.TextContent.ShouldBe("30 April 2027");
        shown.QuerySelector("p.plan-overdue").ShouldBeNull();
        shown.QuerySelector("li[aria-current='step']")!.TextContent.ShouldContain("Plan approved");
    }

    [Fact]
    public async Task The_read_api_gives_the_plan_with_its_stages()
    {
        (await ImportAsync(PlanLine)).Errors.ShouldBeEmpty();
        using var client = Fixture.CreateClient();

        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/standards/plan-20250101-t-469", UriKind.Relative), Ct));

        var plan = json.RootElement.GetProperty("plan");
        plan.GetProperty("number").GetString().ShouldBe("20250101-T-469");
        plan.GetProperty("overdue").GetBoolean().ShouldBeTrue();
        plan.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("label").GetString()).First().ShouldBe("Plan approved");
    }

    [Fact]
    public async Task An_imported_plan_keeps_its_stages_and_deadline_and_its_export_imports_back_unchanged()
    {
        (await ImportAsync(PlanLine)).Errors.ShouldBeEmpty();
        var id = await WithDbAsync(db => db.Standards.Where(s => s.ExternalId == "plan-1").Select(s => s.Id).SingleAsync(Ct));
        (await WithDbAsync(db => db.StandardEvents.Where(e => e.StandardId == id).OrderBy(e => e.On).Select(e => e.Kind).ToListAsync(Ct)))
            .ShouldBe([StandardEventKind.PlanApproved, StandardEventKind.Drafting, StandardEventKind.TechnicalReview]);

        var exported = ExportedLine(await ExportAsync(), "plan-1");
        var line = JsonDocument.Parse(exported).RootElement;
        line.GetProperty("plan_deadline").GetString().ShouldBe("2026-06-30");
        line.GetProperty("plan_stages").EnumerateArray().Select(s => (s.GetProperty("stage").GetString(), s.GetProperty("on").GetString()))
            .ShouldBe([("approved", "2025-01-10"), ("drafting", "2025-03-01"), ("technical_review", "2026-02-01")]);

        (await ImportAsync(exported)).Unchanged!.GetValueOrDefault(Interchange.Standard).ShouldBe(1);
        var moved = exported.Replace("\"2026-02-01\"", "\"2026-02-02\"", StringComparison.Ordinal);
        (await ImportAsync(moved)).Updated.GetValueOrDefault(Interchange.Standard).ShouldBe(1);
        (await WithDbAsync(db => db.StandardEvents.SingleAsync(e => e.StandardId == id && e.Kind == StandardEventKind.TechnicalReview, Ct))).On
            .ShouldBe(new DateOnly(2026, 2, 2));
    }

    [Fact]
    public async Task A_standard_keeps_the_plan_number_it_was_drafted_under_through_the_import()
    {
        var line = """{"type":"standard","id":"drafted-1","code":"GB/T 99003-2025","title":"Drafted under a plan","slug":"gb-t-99003-2025","status":"effective","published_on":"2025-05-01","plan_number":"20230505-T-469"}""";
        (await ImportAsync(line)).Errors.ShouldBeEmpty();

        (await SendAsync(new GetStandard.Query("gb-t-99003-2025"))).ShouldNotBeNull().DraftedUnder!.Code.ShouldBe("20230505-T-469");
        JsonDocument.Parse(ExportedLine(await ExportAsync(), "drafted-1")).RootElement.GetProperty("plan_number").GetString().ShouldBe("20230505-T-469");
    }

    [Theory]
    [InlineData("\"plan_stages\":[{\"stage\":\"blessed\",\"on\":\"2025-01-01\"}]", "plan_stages[1]: stage “blessed” is not one of approved, drafting, technical_review, submitted_for_approval")]
    [InlineData("\"plan_stages\":[{\"stage\":\"approved\"}]", "plan_stages[1]: on is missing")]
    [InlineData("\"plan_deadline\":\"2026-13-01\"", "plan_deadline")]
    [InlineData("\"plan_number\":\"GB/T 1-2020\"", "plan_number “GB/T 1-2020” is not a plan number")]
    public async Task A_bad_plan_field_is_reported_by_line_and_the_good_lines_are_kept(string field, string reason)
    {
        var bad = $$"""{"type":"standard","id":"plan-bad","code":"20250606-T-469","title":"Bad plan","slug":"plan-bad","status":"draft",{{field}}}""";
        var good = PlanLine;

        var result = await ImportAsync(bad, good);

        result.Errors.ShouldHaveSingleItem().Line.ShouldBe(1);
        result.Errors[0].Message.ShouldContain(reason);
        result.Imported.ShouldBe(1);
    }

    [Fact]
    public async Task An_adoption_whose_degree_is_not_recorded_exports_as_null_and_imports_back()
    {
        var line = """{"type":"standard","id":"legacy-1","code":"GB/T 99004-2019","title":"Legacy adoption","slug":"gb-t-99004-2019","status":"effective","adoptions":[{"code":"ISO 9004:2018","degree":null}]}""";
        (await ImportAsync(line)).Errors.ShouldBeEmpty();
        (await WithDbAsync(db => db.StandardAdoptions.Where(a => a.Code == "ISO 9004:2018").Select(a => a.Degree).SingleAsync(Ct))).ShouldBeNull();

        var exported = ExportedLine(await ExportAsync(), "legacy-1");
        JsonDocument.Parse(exported).RootElement.GetProperty("adoptions")[0].GetProperty("degree").ValueKind.ShouldBe(JsonValueKind.Null);
        var again = await ImportAsync(exported);
        again.Errors.ShouldBeEmpty();
        again.Unchanged!.GetValueOrDefault(Interchange.Standard).ShouldBe(1);
    }

    private async Task<EditStandard.Command> PlanAsync(string code, DateOnly deadline) => new()
    {
        Code = code, TitleEn = $"Plan record {code}", Status = StandardStatus.DraftForComments, SectorIds = [await IdAsync("ict")],
        PlanDeadline = deadline,
    };

    private Task<int> IdAsync(string sector) => WithDbAsync(db => db.Sectors.Where(s => s.Slug == sector).Select(s => s.Id).SingleAsync(Ct));

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

    private async Task<ImportContent.Result> ImportAsync(params string[] lines)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));
        using var _ = Fixture.ActAs(Editor, Roles.Editor);
        return await SendAsync(new ImportContent.Command(stream));
    }

    private async Task<string> ExportAsync()
    {
        using var output = new MemoryStream();
        await SendAsync(new ExportContent.Query(output));
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static string ExportedLine(string export, string id) =>
        export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single(l => l.Contains($"\"id\":\"{id}\"", StringComparison.Ordinal));
}
