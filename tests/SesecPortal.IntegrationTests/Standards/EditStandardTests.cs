using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Standards;
using SesecPortal.IntegrationTests.Editorial;

namespace SesecPortal.IntegrationTests.Standards;

/// <summary>Editors create, edit and delete standards through the handlers, and the rules a standard must meet (issue 4).</summary>
public sealed class EditStandardTests(IntegrationFixture fixture) : ReferenceDataTest(fixture)
{
    [Fact]
    public async Task A_standard_is_created_with_its_plan_number_and_amendment_then_edited_and_deleted()
    {
        var command = await NewStandardAsync("GB/T 41234—2022", "Smart hydrogen refuelling stations");
        command.PlanCode = "20190805T469";
        command.PublishedOn = new DateOnly(2022, 3, 9);
        command.EffectiveOn = new DateOnly(2022, 10, 1);
        command.Events = [new() { Kind = StandardEventKind.Amended, On = new DateOnly(2023, 1, 5), Note = "Amendment 1" }, new()];
        var id = await AsEditorAsync(command);

        var stored = await WithDbAsync(db => db.Standards.Include(s => s.Events).SingleAsync(s => s.Id == id, Ct));
        stored.Slug.ShouldBe("gb-t-41234-2022");
        stored.NormalizedCode.ShouldBe("GB/T 41234-2022");
        stored.PlanCode.ShouldBe("20190805T469");
        stored.PlanCodeKey.ShouldBe("20190805T469");
        stored.Events.ShouldHaveSingleItem().Note.ShouldBe("Amendment 1");

        var form = (await SendAsync(new EditStandard.Query(id))).ShouldNotBeNull();
        form.TitleEn = "Smart hydrogen refuelling stations — general requirements";
        form.Events.Clear();
        await AsEditorAsync(form);
        var edited = await WithDbAsync(db => db.Standards.Include(s => s.Events).SingleAsync(s => s.Id == id, Ct));
        edited.TitleEn.ShouldEndWith("general requirements");
        edited.Events.ShouldBeEmpty();
        Indexed("standard").Single(h => h.Id == id).Title.ShouldEndWith("general requirements");

        await AsEditorAsync(new DeleteStandard.Command(id));
        (await WithDbAsync(db => db.Standards.AnyAsync(s => s.Id == id, Ct))).ShouldBeFalse();
    }

    [Theory]
    [InlineData("GX 123 abc", "not a standard code the portal recognises")]
    [InlineData("gb55015—2021", "Another standard already has the code GB 55015-2021.")]
    public async Task A_standard_code_must_parse_and_be_unique(string code, string message)
    {
        var ex = await RefusedAsync(await NewStandardAsync(code, "Anything"));

        ex.Errors.ShouldContain(e => e.PropertyName == "Code" && e.ErrorMessage.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_standard_cannot_take_effect_before_it_is_published()
    {
        var command = await NewStandardAsync("GB/T 1-2030", "Time travel");
        command.PublishedOn = new DateOnly(2030, 5, 1);
        command.EffectiveOn = new DateOnly(2030, 4, 1);

        (await RefusedAsync(command)).Errors.ShouldContain(e => e.PropertyName == "EffectiveOn" && e.ErrorMessage == "The date it takes effect cannot be before the date it was published.");
    }

    [Fact]
    public async Task A_comment_deadline_comes_after_the_draft()
    {
        var standard = await NewStandardAsync("GB/T 2-2030", "Late comments");
        standard.DraftedOn = new DateOnly(2030, 5, 1);
        standard.CommentDeadline = new DateOnly(2030, 5, 1);
        var policy = NewPolicy("Draft rules", await IdAsync(db => db.Sectors, "ict"));
        policy.IssuedOn = "2030-05-01";
        policy.CommentDeadline = new DateOnly(2030, 4, 1);

        (await RefusedAsync(standard)).Errors.ShouldContain(e => e.PropertyName == "CommentDeadline" && e.ErrorMessage == "The comment deadline must be after the date the draft was released.");
        (await RefusedAsync(policy)).Errors.ShouldContain(e => e.PropertyName == "CommentDeadline" && e.ErrorMessage == "The comment deadline must be after the date the draft was issued.");
    }

    [Fact]
    public async Task A_plan_number_must_look_like_one()
    {
        var command = await NewStandardAsync("GB/T 5-2030", "Planned");
        command.PlanCode = "GB/T 5-2030";

        (await RefusedAsync(command)).Errors.ShouldContain(e => e.PropertyName == "PlanCode" && e.ErrorMessage.StartsWith("Enter a plan number like 20190805-T-469", StringComparison.Ordinal));
    }
}
