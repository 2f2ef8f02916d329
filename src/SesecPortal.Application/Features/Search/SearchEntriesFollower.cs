using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using SesecPortal.Application.Changes;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Search;

/// <summary>
/// Keeps <c>search_entries</c> in step with the change log: each batch re-indexes the items it names (an item that is gone
/// or no longer public leaves the index) and moves the follower's position, in one transaction under the position's row
/// lock, so with several instances a batch is applied once and a crash loses nothing.
/// </summary>
public sealed class SearchEntriesFollower(IServiceScopeFactory scopes, ILogger<SearchEntriesFollower> logger) : IChangeFollower
{
    public const string FollowerName = "search-entries";
    private const int BatchSize = 2000;

    public string Name => FollowerName;

    public ChangePosition Position { get; private set; }

    public async Task<bool> CatchUpAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var indexer = scope.ServiceProvider.GetRequiredService<SearchIndexer>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"INSERT INTO change_followers (name, transaction_id, entry_id) VALUES ({FollowerName}, 0, 0) ON CONFLICT DO NOTHING", ct);
        var follower = await db.ChangeFollowers.FromSql($"SELECT * FROM change_followers WHERE name = {FollowerName} FOR UPDATE").SingleAsync(ct);
        var batch = await ChangeLogReader.ReadAsync((NpgsqlConnection)db.Database.GetDbConnection(), follower.Position, BatchSize, ct);
        foreach (var group in batch.Entries.GroupBy(e => e.Kind))
        {
            var ids = group.Select(e => e.ItemId).Distinct().ToList();
            if (SearchKindOf(group.Key) is { } kind)
            {
                await indexer.IndexAsync(kind, ids, ct);
            }

            if (group.Key == ItemKind.WorkingGroup)
            {
                // A standard's entry carries its committee's name.
                var standards = await db.Standards.Where(s => s.CommitteeId != null && ids.Contains(s.CommitteeId.Value)).Select(s => s.Id).ToListAsync(ct);
                await indexer.IndexAsync(SearchKind.Standard, standards, ct);
            }
        }

        follower.TransactionId = batch.Next.TransactionId;
        follower.EntryId = batch.Next.Id;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        Position = batch.Next;
        if (batch.Entries.Count > 0)
        {
            logger.LogDebug("Search entries follow the change log to {Position} ({Count} changes)", batch.Next, batch.Entries.Count);
        }

        return batch.More;
    }

    private static SearchKind? SearchKindOf(ItemKind kind) => kind switch
    {
        ItemKind.Article => SearchKind.Article,
        ItemKind.Policy => SearchKind.Policy,
        ItemKind.Standard => SearchKind.Standard,
        ItemKind.WorkingGroup => SearchKind.WorkingGroup,
        ItemKind.Organisation => SearchKind.Organisation,
        _ => null,
    };
}
