using System.Data;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using SesecPortal.Application.Changes;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Search;

namespace SesecPortal.Application.Features.Search;

/// <summary>
/// Keeps this instance's Lucene index (<see cref="PortalSearchIndex"/>) in step with PostgreSQL by following the change
/// log. The position of the last change applied is committed with the documents (the index's commit data), so after a
/// crash it resumes exactly where its last commit ended: a batch half-applied was never committed, and applying one again
/// changes nothing. An index that is missing, unreadable or of an older schema is rebuilt from a consistent snapshot of
/// the database, from the position of that snapshot; searches answer from the old contents until the rebuild completes.
/// </summary>
public sealed class SearchIndexFollower(PortalSearchIndex search, IServiceScopeFactory scopes, ILogger<SearchIndexFollower> logger) : IChangeFollower, IDisposable
{
    private const int LogBatch = 5000;

    /// <summary>Catching up and rebuilding take turns: one writer session of the index at a time.</summary>
    private readonly SemaphoreSlim turn = new(1, 1);
    private bool warmed;

    public string Name => "search-index";

    public ChangePosition Position => ChangePosition.TryParse(search.Index.Position, out var position) ? position : ChangePosition.Start;

    /// <summary>The index has applied everything committed when this instance first read the log: it may answer readers.</summary>
    public bool CaughtUp { get; private set; }

    public async Task<bool> CatchUpAsync(CancellationToken ct)
    {
        await turn.WaitAsync(ct);
        try
        {
            return await CatchUpInTurnAsync(ct);
        }
        finally
        {
            turn.Release();
        }
    }

    public void Dispose() => turn.Dispose();

    /// <summary>Builds the index anew from the database now (after a database was emptied and reloaded: tests, a restore).</summary>
    public async Task RebuildAsync(CancellationToken ct)
    {
        await turn.WaitAsync(ct);
        try
        {
            await RebuildAsync(search.Index, ct);
        }
        finally
        {
            turn.Release();
        }
    }

    private async Task<bool> CatchUpInTurnAsync(CancellationToken ct)
    {
        var index = search.Index;
        if (index.NeedsRebuild)
        {
            await RebuildAsync(index, ct);
            return true;
        }

        if (!warmed)
        {
            // Cold index pages cost seconds on the first searches: read them before this instance says it is ready.
            index.Warm();
            warmed = true;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var documents = scope.ServiceProvider.GetRequiredService<SearchDocuments>();
        var from = Position;
        var batch = await ChangeLogReader.WithConnectionAsync(db, connection => ChangeLogReader.ReadAsync(connection, from, LogBatch, ct));
        if (batch.Entries.Count == 0)
        {
            if (batch.Next > from)
            {
                index.Apply([], [], batch.Next.ToString());
            }

            CaughtUp = true;
            return false;
        }

        var started = Stopwatch.GetTimestamp();
        var items = await AffectedAsync(batch.Entries, documents, ct);
        var (upserts, deletes) = await DocumentsAsync(items, documents, ct);
        index.Apply(upserts, deletes, batch.Next.ToString());
        logger.LogDebug("Search index follows the change log to {Position}: {Changes} changes, {Upserts} documents written, {Deletes} removed in {ElapsedMs:0} ms",
            batch.Next, batch.Entries.Count, upserts.Count, deletes.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return batch.More || !CaughtUp;
    }

    /// <summary>The items whose documents the entries change: those named, and those that show a changed standard, group or organisation.</summary>
    private static async Task<HashSet<(ItemKind Kind, int Id)>> AffectedAsync(IReadOnlyList<ChangeLogEntry> entries, SearchDocuments documents, CancellationToken ct)
    {
        var items = entries.Where(e => SearchDocuments.Kinds.Contains(e.Kind)).Select(e => (e.Kind, Id: e.ItemId)).ToHashSet();
        foreach (var kind in new[] { ItemKind.Standard, ItemKind.WorkingGroup, ItemKind.Organisation })
        {
            var changed = entries.Where(e => e.Kind == kind).Select(e => e.ItemId).Distinct().ToList();
            if (changed.Count > 0)
            {
                items.UnionWith(await documents.DependentsAsync(kind, changed, ct));
            }
        }

        return items;
    }

    /// <summary>The items' documents as they are now; an item that is gone (or no longer public) is deleted from the index.</summary>
    private static async Task<(List<SearchDocument> Upserts, List<(string Kind, int Id)> Deletes)> DocumentsAsync(
        HashSet<(ItemKind Kind, int Id)> items, SearchDocuments documents, CancellationToken ct)
    {
        var upserts = new List<SearchDocument>();
        var deletes = new List<(string Kind, int Id)>();
        foreach (var group in items.GroupBy(i => i.Kind))
        {
            var ids = group.Select(i => i.Id).ToList();
            foreach (var chunk in ids.Chunk(SearchDocuments.BatchSize))
            {
                var found = await documents.LoadAsync(group.Key, chunk, ct);
                upserts.AddRange(found);
                var kept = found.Select(d => d.Id).ToHashSet();
                deletes.AddRange(chunk.Where(id => !kept.Contains(id)).Select(id => (SearchDocuments.KindName(group.Key), id)));
            }
        }

        return (upserts, deletes);
    }

    /// <summary>
    /// Builds the index anew from one snapshot of the database (a repeatable-read transaction): its documents, and the
    /// position of that snapshot, from which the log is followed afterwards (changes committed meanwhile are replayed;
    /// applying them twice changes nothing).
    /// </summary>
    private async Task RebuildAsync(SearchIndex index, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var documents = scope.ServiceProvider.GetRequiredService<SearchDocuments>();
        db.Database.SetCommandTimeout(TimeSpan.Zero);
        await using var snapshot = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var position = await ChangeLogReader.HorizonAsync((NpgsqlConnection)db.Database.GetDbConnection(), ct);
        var count = 0;
        using (var rebuild = index.BeginRebuild())
        {
            // Loading the next batch from PostgreSQL overlaps indexing this one (on every core): neither waits for the other.
            var indexing = Task.CompletedTask;
            try
            {
                foreach (var kind in SearchDocuments.Kinds)
                {
                    await foreach (var batch in documents.AllAsync(kind, ct))
                    {
                        await indexing;
                        indexing = Task.Run(() => rebuild.Add(batch), ct);
                        count += batch.Count;
                    }
                }
            }
            catch
            {
                // The batch in flight ends before the rebuild is abandoned (the writer is rolled back under it otherwise).
                await indexing.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                throw;
            }

            await indexing;

            rebuild.Complete(position.ToString());
        }

        await snapshot.CommitAsync(ct);
        logger.LogInformation("Built the search index from the database: {Documents} documents in {ElapsedSeconds:0.0} s, at change-log position {Position}",
            count, Stopwatch.GetElapsedTime(started).TotalSeconds, position);
    }
}
