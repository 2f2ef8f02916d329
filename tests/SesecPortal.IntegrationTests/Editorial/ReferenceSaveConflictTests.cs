using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SesecPortal.Application.Common;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Standards;

namespace SesecPortal.IntegrationTests.Editorial;

/// <summary>Two editors saving the same item: the second gets a conflict, not an error (issue 4).</summary>
public sealed class ReferenceSaveConflictTests(IntegrationFixture fixture) : ReferenceDataTest(fixture)
{
    [Fact]
    public async Task The_second_of_two_concurrent_saves_gets_a_conflict_showing_both_versions_then_saving_again_overwrites()
    {
        using var first = await SignedInAsync("first@example.com", Roles.Editor);
        using var second = await SignedInAsync("second@example.com", Roles.Editor);
        var id = await IdAsync(db => db.Policies, "carbon-peak-action-plan-before-2030");
        var path = $"/editor/policies/{id}";
        var firstForm = await FormFieldsAsync(first, path);
        var secondForm = await FormFieldsAsync(second, path);

        (await PostFieldsAsync(first, path, firstForm, new() { ["Input.DocumentNumber"] = "FIRST-2021-1" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var conflict = await PostFieldsAsync(second, path, secondForm, new() { ["Input.DocumentNumber"] = "SECOND-2021-2" });

        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var document = await ParseAsync(conflict);
        var panel = document.QuerySelector(".conflict").ShouldNotBeNull();
        panel.TextContent.ShouldContain("Document number: FIRST-2021-1");
        panel.TextContent.ShouldContain("Document number: SECOND-2021-2");
        document.QuerySelector<IHtmlInputElement>("input[name='Input.DocumentNumber']")!.Value.ShouldBe("SECOND-2021-2");

        var again = await PostFieldsAsync(second, path, FieldsOf(document), []);
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await WithDbAsync(db => db.Policies.SingleAsync(p => p.Id == id, Ct))).DocumentNumber.ShouldBe("SECOND-2021-2");
    }

    [Fact]
    public async Task A_save_that_overlaps_another_in_the_database_gets_a_conflict_not_an_error()
    {
        var id = await IdAsync(db => db.Standards, Gb55015);
        var form = (await SendAsync(new EditStandard.Query(id))).ShouldNotBeNull();
        form.TitleEn = "Saved by the second editor";
        // The first editor's save is in the database, not yet committed: it changed the row and recorded the next version.
        await using var connection = new NpgsqlConnection(Fixture.Database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var first = await connection.BeginTransactionAsync(Ct);
        await using (var write = new NpgsqlCommand("""
            UPDATE standards SET title_en = 'Saved by the first editor' WHERE id = @id;
            INSERT INTO content_versions (item_kind, item_id, number, snapshot, author_name, created_at)
            SELECT 'Standard', @id, coalesce(max(number), 0) + 1, 'Title: Saved by the first editor', 'first@example.com', now()
            FROM content_versions WHERE item_kind = 'Standard' AND item_id = @id;
            """, connection, first))
        {
            write.Parameters.AddWithValue("id", id);
            await write.ExecuteNonQueryAsync(Ct);
        }

        // The second save read the version the first is replacing, so it passes the version check, then waits on the row.
        var second = AsEditorAsync(form);
        await Task.Delay(500, Ct);
        second.IsCompleted.ShouldBeFalse();
        await first.CommitAsync(Ct);

        var conflict = await Should.ThrowAsync<ConcurrencyConflictException>(() => second);
        conflict.StoredSnapshot.ShouldContain("Saved by the first editor");
        conflict.AttemptedSnapshot.ShouldContain("Saved by the second editor");
        (await WithDbAsync(db => db.Standards.SingleAsync(s => s.Id == id, Ct))).TitleEn.ShouldBe("Saved by the first editor");
    }
}
