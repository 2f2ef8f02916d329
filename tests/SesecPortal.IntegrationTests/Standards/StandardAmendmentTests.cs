using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Standards;

namespace SesecPortal.IntegrationTests.Standards;

/// <summary>Editions, amendments and periodic reviews on a standard's timeline (issue 18).</summary>
public sealed class StandardAmendmentTests(IntegrationFixture fixture) : StandardRecordTest(fixture)
{
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
}
