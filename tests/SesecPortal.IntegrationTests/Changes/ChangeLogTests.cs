using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SesecPortal.Application.Changes;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.OpenData;
using SesecPortal.Application.Features.Policies;
using SesecPortal.Application.Features.Relations;
using SesecPortal.Application.Features.Standards;
using SesecPortal.IntegrationTests.Platform;

namespace SesecPortal.IntegrationTests.Changes;

/// <summary>
/// The change log (issue 17 §1): every change readers see writes a row in its own transaction, through the interceptor or
/// the bulk importer, and followers read it in commit order without ever skipping a change.
/// </summary>
public sealed class ChangeLogTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    private const string Editor = "editor@example.com";

    /// <summary>The seed's own rows come before this: tests look at what they wrote.</summary>
    private long seedRows = -1;

    [Fact]
    public async Task Every_entity_type_of_the_model_is_either_seen_by_readers_or_internal()
    {
        await using var db = Fixture.Database.CreateDbContext();

        var unclassified = db.Model.GetEntityTypes().Where(t => !ChangeCapture.IsClassified(t)).Select(t => t.Name).ToList();

        unclassified.ShouldBeEmpty("ChangeCapture must say whether readers see these (map them to their items, or list them as internal)");
    }

    [Fact]
    public async Task Saving_a_new_policy_writes_one_change_log_row_for_it()
    {
        await MarkAsync();
        var sector = await IdOfAsync("SELECT id FROM sectors WHERE slug = 'ict'");

        var id = await AsEditorAsync(new EditPolicy.Command { Title = "Data centre guideline", Kind = PolicyKind.Guideline, Status = PolicyStatus.Final, SectorIds = [sector] });

        (await RowsAsync(ItemKind.Policy, id)).ShouldHaveSingleItem().Action.ShouldBe(ChangeAction.Saved);
    }

    [Fact]
    public async Task A_save_rolled_back_leaves_no_change_log_row()
    {
        await MarkAsync();
        await using var db = Fixture.Database.CreateDbContext();
        await using (var transaction = await db.Database.BeginTransactionAsync(Ct))
        {
            db.Sectors.Add(new Sector { Slug = "rolled-back", Name = "Rolled back" });
            await db.SaveChangesAsync(Ct);
            (await db.ChangeLog.CountAsync(e => e.Id > seedRows, Ct)).ShouldBe(1, "written inside the transaction");
            await transaction.RollbackAsync(Ct);
        }

        (await db.ChangeLog.CountAsync(e => e.Id > seedRows, Ct)).ShouldBe(0);
        (await db.Sectors.AnyAsync(s => s.Slug == "rolled-back", Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_save_that_fails_writes_neither_the_change_nor_its_log_row()
    {
        await MarkAsync();
        await using var db = Fixture.Database.CreateDbContext();
        db.Sectors.Add(new Sector { Slug = "first", Name = "First" });
        db.Sectors.Add(new Sector { Slug = "ict", Name = "A second ICT sector" });   // the seed has this slug: unique violation

        await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));

        await using var check = Fixture.Database.CreateDbContext();
        (await check.Sectors.AnyAsync(s => s.Slug == "first", Ct)).ShouldBeFalse();
        (await check.ChangeLog.CountAsync(e => e.Id > seedRows, Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task A_timeline_event_is_logged_as_a_change_of_its_standard()
    {
        await MarkAsync();
        var standard = await IdOfAsync("SELECT id FROM standards WHERE slug = 'gb-55015-2021'");
        await using var db = Fixture.Database.CreateDbContext();
        db.StandardEvents.Add(new StandardEvent { StandardId = standard, Kind = StandardEventKind.Amended, On = new DateOnly(2023, 5, 1) });

        await db.SaveChangesAsync(Ct);

        (await RowsAsync(ItemKind.Standard, standard)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_sector_added_to_a_standard_is_logged_as_a_change_of_the_standard_not_of_the_sector()
    {
        await MarkAsync();
        var standard = await IdOfAsync("SELECT id FROM standards WHERE slug = 'gb-55015-2021'");
        await using var db = Fixture.Database.CreateDbContext();
        var s = await db.Standards.Include(x => x.Sectors).SingleAsync(x => x.Id == standard, Ct);
        var cosmetics = await db.Sectors.SingleAsync(x => x.Slug == "cosmetics", Ct);
        s.Sectors.Add(cosmetics);

        await db.SaveChangesAsync(Ct);

        (await RowsAsync(ItemKind.Standard, standard)).ShouldHaveSingleItem();
        (await RowsAsync(ItemKind.Sector, cosmetics.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_relation_is_logged_on_both_of_its_ends()
    {
        await MarkAsync();
        var policy = await IdOfAsync("SELECT id FROM policies WHERE slug = 'carbon-peak-action-plan-before-2030'");
        var standard = await IdOfAsync("SELECT id FROM standards WHERE slug = 'gb-55015-2021'");

        await AsEditorAsync(new AddRelation.Command
        {
            ItemKind = ItemKind.Standard, ItemId = standard, Type = RelationType.Implements, OtherKind = ItemKind.Policy, OtherId = policy,
        });

        (await RowsAsync(ItemKind.Standard, standard)).ShouldHaveSingleItem();
        (await RowsAsync(ItemKind.Policy, policy)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_draft_article_is_no_change_readers_see_but_taking_a_published_one_offline_is()
    {
        await MarkAsync();
        var draft = await AsEditorAsync(new SaveArticle.Command
        {
            Title = "A draft nobody reads yet", Summary = "Short.", Body = "Text.", SectorIds = [await IdOfAsync("SELECT id FROM sectors WHERE slug = 'ict'")],
        });
        (await RowsAsync(ItemKind.Article, draft.ArticleId)).ShouldBeEmpty();

        var published = await IdOfAsync("SELECT id FROM articles WHERE status = 'Published' ORDER BY id LIMIT 1");
        await AsEditorAsync(new UnpublishArticle.Command(published));

        (await RowsAsync(ItemKind.Article, published)).ShouldHaveSingleItem().Action.ShouldBe(ChangeAction.Saved);
    }

    [Fact]
    public async Task Deleting_a_standard_logs_it_as_deleted_and_the_standards_that_named_it_as_saved()
    {
        await MarkAsync();
        var replaced = await IdOfAsync("SELECT id FROM standards WHERE slug = 'gb-55015-2021'");
        var replacement = await AsEditorAsync(new EditStandard.Command { Code = "GB 99999-2030", TitleEn = "A replacement", Status = StandardStatus.Published, SectorIds = [await IdOfAsync("SELECT id FROM sectors WHERE slug = 'ict'")] });
        await ScaleOutTests.ExecuteAsync(Fixture.Database.ConnectionString, $"UPDATE standards SET replaced_by_id = {replacement} WHERE id = {replaced}");

        await AsEditorAsync(new DeleteStandard.Command(replacement));

        (await RowsAsync(ItemKind.Standard, replacement)).Select(r => r.Action).ShouldBe([ChangeAction.Saved, ChangeAction.Deleted]);
        (await RowsAsync(ItemKind.Standard, replaced)).ShouldHaveSingleItem().Action.ShouldBe(ChangeAction.Saved);
    }

    [Fact]
    public async Task A_change_that_commits_after_a_later_one_is_still_read_and_none_is_read_twice()
    {
        var start = await HorizonAsync();
        await using var first = await OpenAsync();
        await using var second = await OpenAsync();
        await using var firstTransaction = await first.BeginTransactionAsync(Ct);
        await InsertChangeAsync(first, 1001);      // smaller transaction id and smaller entry id, still open
        await using (var secondTransaction = await second.BeginTransactionAsync(Ct))
        {
            await InsertChangeAsync(second, 1002);
            await secondTransaction.CommitAsync(Ct);   // commits first
        }

        var whileFirstRuns = await ReadAsync(start);
        whileFirstRuns.Entries.ShouldBeEmpty("the later change waits until every older writing transaction has ended");
        await firstTransaction.CommitAsync(Ct);
        var afterBoth = await ReadAsync(whileFirstRuns.Next);
        var afterThat = await ReadAsync(afterBoth.Next);

        afterBoth.Entries.Select(e => e.ItemId).Order().ShouldBe([1001, 1002]);
        afterThat.Entries.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_change_with_the_smaller_entry_id_but_the_newer_transaction_is_read_after_the_older_transaction()
    {
        var start = await HorizonAsync();
        await using var older = await OpenAsync();
        await using var newer = await OpenAsync();
        await using var olderTransaction = await older.BeginTransactionAsync(Ct);
        await using var assign = new NpgsqlCommand("SELECT pg_current_xact_id()", older);
        await assign.ExecuteScalarAsync(Ct);       // the older transaction has its id...
        await using var newerTransaction = await newer.BeginTransactionAsync(Ct);
        await InsertChangeAsync(newer, 2001);      // ...but the newer one takes the smaller entry id
        await InsertChangeAsync(older, 2002);
        await olderTransaction.CommitAsync(Ct);

        var first = await ReadAsync(start);
        await newerTransaction.CommitAsync(Ct);
        var second = await ReadAsync(first.Next);

        first.Entries.Select(e => e.ItemId).ShouldBe([2002]);
        second.Entries.Select(e => e.ItemId).ShouldBe([2001]);
    }

    [Fact]
    public async Task An_import_logs_each_item_it_writes_and_importing_it_again_logs_nothing()
    {
        await MarkAsync();
        var corpus = await OpenDataCorpus.GenerateAsync(articles: 12, standards: 8, policies: 5);
        await using (var file = new MemoryStream(corpus))
        {
            await SendAsync(new ImportContent.Command(file));
        }

        var logged = await LogCountAsync();
        (await CountAsync($"SELECT count(DISTINCT (kind, item_id)) FROM change_log WHERE kind IN ('Article', 'Standard', 'Policy') AND id > {seedRows}")).ShouldBe(25);

        await using (var again = new MemoryStream(corpus))
        {
            await SendAsync(new ImportContent.Command(again));
        }

        (await LogCountAsync()).ShouldBe(logged);
    }

    private async Task<T> AsEditorAsync<T>(ICommand<T> command)
    {
        using var _ = Fixture.ActAs(Editor, Roles.Editor);
        await using var scope = Fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, Ct);
    }

    private async Task<List<ChangeLogEntry>> RowsAsync(ItemKind kind, int id)
    {
        await using var db = Fixture.Database.CreateDbContext();
        return await db.ChangeLog.AsNoTracking().Where(e => e.Kind == kind && e.ItemId == id && e.Id > seedRows)
            .OrderBy(e => e.TransactionId).ThenBy(e => e.Id).ToListAsync(Ct);
    }

    private async Task MarkAsync() => seedRows = await IdOfAsync<long>("SELECT coalesce(max(id), 0) FROM change_log");

    private Task<int> IdOfAsync(string sql) => IdOfAsync<int>(sql);

    private Task<T> IdOfAsync<T>(string sql) => ScaleOutTests.ScalarAsync<T>(Fixture.Database.ConnectionString, sql);

    private async Task<long> CountAsync(string sql) => await IdOfAsync<long>(sql);

    private Task<long> LogCountAsync() => CountAsync("SELECT count(*) FROM change_log");

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(Fixture.Database.ConnectionString);
        await connection.OpenAsync(Ct);
        return connection;
    }

    private async Task<ChangePosition> HorizonAsync()
    {
        await using var connection = await OpenAsync();
        return await ChangeLogReader.HorizonAsync(connection, Ct);
    }

    private async Task<ChangeBatch> ReadAsync(ChangePosition from)
    {
        await using var connection = await OpenAsync();
        var batch = await ChangeLogReader.ReadAsync(connection, from, 100, Ct);
        // Only the rows these tests write by hand: the running portal may log its own.
        return batch with { Entries = [.. batch.Entries.Where(e => e.ItemId > 1000)] };
    }

    private static async Task InsertChangeAsync(NpgsqlConnection connection, int itemId)
    {
        await using var command = new NpgsqlCommand("INSERT INTO change_log (kind, item_id, action) VALUES ('Sector', @id, 'Saved')", connection);
        command.Parameters.AddWithValue("id", itemId);
        await command.ExecuteNonQueryAsync(Ct);
    }
}
