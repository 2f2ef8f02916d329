using Microsoft.EntityFrameworkCore;
using Npgsql;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Changes;

/// <summary>A page of the change log and the position after it.</summary>
public sealed record ChangeBatch(IReadOnlyList<ChangeLogEntry> Entries, ChangePosition Next, bool More);

/// <summary>
/// Reads the change log in commit-safe order. An entry's id is taken before its transaction commits, so entry N+1 can be
/// visible while N is not yet; reading "id &gt; last" would skip N for good. Instead entries are read by transaction id,
/// and only from transactions older than the oldest one still running (the snapshot's <c>xmin</c>): those are finished,
/// so no entry can appear among them later. A change is read as soon as every older writing transaction has ended.
/// </summary>
public static class ChangeLogReader
{
    public const int DefaultBatchSize = 1000;

    private const string Sql = """
        WITH horizon AS (SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS transaction_id)
        SELECT horizon.transaction_id, c.id, c.transaction_id, c.kind, c.item_id, c.action, c.at
        FROM horizon LEFT JOIN LATERAL (
            SELECT id, transaction_id, kind, item_id, action, at FROM change_log
            WHERE (transaction_id, id) > (@transaction_id, @id) AND transaction_id < horizon.transaction_id
            ORDER BY transaction_id, id
            LIMIT @limit) c ON true
        ORDER BY c.transaction_id, c.id
        """;

    /// <summary>The entries after <paramref name="from"/> that are safe to read now, at most <paramref name="limit"/>.</summary>
    public static async Task<ChangeBatch> ReadAsync(NpgsqlConnection connection, ChangePosition from, int limit, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(new NpgsqlParameter<long>("transaction_id", from.TransactionId));
        command.Parameters.Add(new NpgsqlParameter<long>("id", from.Id));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var entries = new List<ChangeLogEntry>();
        long horizon = 0;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                horizon = reader.GetInt64(0);
                if (reader.IsDBNull(1))
                {
                    continue;
                }

                entries.Add(new ChangeLogEntry
                {
                    Id = reader.GetInt64(1),
                    TransactionId = reader.GetInt64(2),
                    Kind = Enum.Parse<ItemKind>(reader.GetString(3)),
                    ItemId = reader.GetInt32(4),
                    Action = Enum.Parse<ChangeAction>(reader.GetString(5)),
                    At = reader.GetFieldValue<DateTimeOffset>(6),
                });
            }
        }

        if (entries.Count == limit)
        {
            var last = entries[^1];
            return new ChangeBatch(entries, new ChangePosition(last.TransactionId, last.Id), More: true);
        }

        // Everything older than the horizon is read: the next read starts there.
        var next = new ChangePosition(horizon, 0);
        return new ChangeBatch(entries, next > from ? next : from, More: false);
    }

    /// <summary>The position up to which the log is final now: a follower there has seen every committed change.</summary>
    public static async Task<ChangePosition> HorizonAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint", connection);
        return new ChangePosition((long)(await command.ExecuteScalarAsync(ct))!, 0);
    }

    /// <summary>Reads with the DbContext's connection (opened and closed here unless it was open).</summary>
    public static async Task<T> WithConnectionAsync<T>(PortalDbContext db, Func<NpgsqlConnection, Task<T>> read)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            return await read((NpgsqlConnection)db.Database.GetDbConnection());
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
