using Microsoft.EntityFrameworkCore;
using Npgsql;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Changes;

/// <summary>
/// The change log's entry point for writes that bypass EF Core's change tracker: the bulk importer's <c>COPY</c> and
/// upsert statements. Same table, same transaction as the rows written, same wake-up for the followers.
/// </summary>
public static class ChangeLogWriter
{
    public static async Task AppendAsync(PortalDbContext db, ItemKind kind, IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return;
        }

        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Change-log rows are written in the transaction of the change they describe.");
        }

        await using var command = new NpgsqlCommand("""
            WITH logged AS (
                INSERT INTO change_log (kind, item_id, action) SELECT @kind, id, 'Saved' FROM unnest(@ids) AS id RETURNING transaction_id)
            SELECT max(transaction_id) FROM logged
            """, (NpgsqlConnection)db.Database.GetDbConnection());
        command.Parameters.Add(new NpgsqlParameter<string>("kind", kind.ToString()));
        command.Parameters.Add(new NpgsqlParameter<int[]>("ids", [.. ids]));
        var transactionId = (long)(await command.ExecuteScalarAsync(ct))!;
        db.LastChangeTransactionId = Math.Max(db.LastChangeTransactionId, transactionId);
    }
}
