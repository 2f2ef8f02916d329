using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Changes;

namespace SesecPortal.Application.Features.OpenData;

/// <summary>
/// Writes valid lines in batches: each batch is copied (binary COPY) into a temporary staging table; lines identical to
/// what the portal holds are dropped from it (they write nothing, and count as unchanged); the rest are merged with
/// <c>INSERT ... ON CONFLICT (external_id) DO UPDATE</c>, their sectors and authorities replaced, and a change-log row
/// written for each item, all in one transaction (the search index and the caches follow the log). Lines whose address
/// or code another item already has are refused first; if a batch still fails, it is retried line by line, so one bad
/// line never takes good ones with it and no line is half-written.
/// </summary>
public sealed partial class BulkImporter(PortalDbContext db, TimeProvider clock)
{
    public const int BatchSize = 2000;

    /// <summary>Organisations by lower-cased abbreviation, name or slug (issuers, authorities).</summary>
    private Dictionary<string, int> organisations = null!;
    private readonly List<(string ExternalId, string Key)> supersessions = [];

    public ImportTally Tally { get; } = new();

    public async Task StartAsync(CancellationToken ct)
    {
        organisations = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var all = await db.Organisations.AsNoTracking().OrderBy(o => o.Id).Select(o => new { o.Id, o.Slug, o.Name, o.Abbreviation }).ToListAsync(ct);
        foreach (var o in all)
        {
            organisations.TryAdd(o.Slug, o.Id);
            organisations.TryAdd(o.Name, o.Id);
            if (o.Abbreviation is not null)
            {
                organisations.TryAdd(o.Abbreviation, o.Id);
            }
        }
    }

    /// <summary>Writes a batch of one kind; returns the lines refused.</summary>
    public async Task<List<ImportError>> WriteAsync<T>(IReadOnlyList<T> batch, CancellationToken ct) where T : ImportItem
    {
        try
        {
            return await WriteBatchAsync(batch, ct);
        }
        catch (PostgresException) when (batch.Count > 1)
        {
            // Something only the database saw (two lines of the batch swapping addresses...): find the line one at a time.
            var errors = new List<ImportError>();
            foreach (var item in batch)
            {
                try
                {
                    errors.AddRange(await WriteBatchAsync([item], ct));
                }
                catch (PostgresException ex)
                {
                    errors.Add(new ImportError(item.Line, item.ExternalId, $"the database refused it: {ex.MessageText}"));
                }
            }

            return errors;
        }
    }

    private async Task<List<ImportError>> WriteBatchAsync<T>(IReadOnlyList<T> batch, CancellationToken ct) where T : ImportItem
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        var tally = new ImportTally();
        List<ImportError> errors;
        Dictionary<string, int> created = [];
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            (errors, var ids, var kind) = batch switch
            {
                IReadOnlyList<ArticleLine> a => await ArticlesAsync(connection, a, tally, ct),
                IReadOnlyList<StandardLine> s => await StandardsAsync(connection, s, tally, created, ct),
                IReadOnlyList<PolicyLine> p => await PoliciesAsync(connection, p, tally, created, ct),
                _ => throw new ArgumentException("Unknown kind of line.", nameof(batch)),
            };
            await ChangeLogWriter.AppendAsync(db, kind, ids, ct);
            await ChangeLogWriter.AppendAsync(db, ItemKind.Organisation, [.. created.Values.Distinct()], ct);
            await tx.CommitAsync(ct);
        }

        db.ChangeTracker.Clear();
        foreach (var (key, id) in created)
        {
            organisations[key] = id;
        }

        Tally.Add(tally);
        return errors;
    }

    private DateTimeOffset Now => clock.GetUtcNow();

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Refuses staged lines whose value of <paramref name="column"/> another item already has, and removes them from the stage.</summary>
    private static async Task<List<ImportError>> RefuseTakenAsync(NpgsqlConnection connection, string stage, string table, string column, string message,
        CancellationToken ct)
    {
        var errors = new List<ImportError>();
        await using (var command = new NpgsqlCommand(
            $"SELECT i.line, i.external_id, i.{column} FROM {stage} i JOIN {table} t ON t.{column} = i.{column} AND t.external_id IS DISTINCT FROM i.external_id", connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                errors.Add(new ImportError(reader.GetInt32(0), reader.GetString(1), string.Format(System.Globalization.CultureInfo.InvariantCulture, message, reader.GetString(2))));
            }
        }

        if (errors.Count > 0)
        {
            await ExecuteAsync(connection, $"DELETE FROM {stage} WHERE line = ANY(@lines)", ct,
                new NpgsqlParameter<int[]>("lines", [.. errors.Select(e => e.Line)]));
        }

        return errors;
    }

    /// <summary>Runs the upsert; returns the ids written and counts inserts and updates.</summary>
    private static async Task<List<int>> UpsertAsync(NpgsqlConnection connection, string sql, DateTimeOffset now, Action<bool> counted, CancellationToken ct)
    {
        var ids = new List<int>();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetInt32(0));
            counted(reader.GetBoolean(1));
        }

        return ids;
    }

    /// <summary>
    /// Drops from the stage the lines identical to the items they would update, and counts them as unchanged:
    /// re-importing a file that changes nothing writes nothing (no new row versions, no change-log rows, no false
    /// "someone else saved" for an editor with the item open).
    /// </summary>
    private static async Task DropUnchangedAsync(NpgsqlConnection connection, string sql, string type, ImportTally tally, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            tally.CountUnchanged(type);
        }
    }

    /// <summary>
    /// The organisations a batch names (an issuer "MIIT", an authority "NDRC" with its full name), matched by abbreviation, name or
    /// slug; one the portal does not know yet is created, in the batch's transaction.
    /// </summary>
    private async Task<Dictionary<string, int>> OrganisationIdsAsync(NpgsqlConnection connection, IEnumerable<(string? Key, string? Name)> named,
        OrganisationKind kind, Dictionary<string, int> created, CancellationToken ct)
    {
        var result = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, name) in named)
        {
            if (key is null || result.ContainsKey(key))
            {
                continue;
            }

            if (organisations.TryGetValue(key, out var id) || created.TryGetValue(key, out id))
            {
                result[key] = id;
                continue;
            }

            var fullName = name ?? key;
            var slug = Domain.Slug.From(key);
            await using var command = new NpgsqlCommand("""
                WITH added AS (
                    INSERT INTO organisations (slug, name, abbreviation, kind) VALUES (@slug, @name, @abbreviation, @kind)
                    ON CONFLICT (slug) DO NOTHING RETURNING id)
                SELECT id FROM added UNION ALL SELECT id FROM organisations WHERE slug = @slug LIMIT 1
                """, connection);
            command.Parameters.Add(new NpgsqlParameter<string>("slug", slug.Length == 0 ? "organisation" : slug));
            command.Parameters.Add(new NpgsqlParameter<string>("name", fullName));
            command.Parameters.Add(new NpgsqlParameter("abbreviation", fullName == key ? DBNull.Value : key));
            command.Parameters.Add(new NpgsqlParameter<string>("kind", kind.ToString()));
            id = (int)(await command.ExecuteScalarAsync(ct))!;
            created[key] = id;
            result[key] = id;
        }

        return result;
    }

    /// <summary>After the last batch: links superseded standards to the standards that replaced them, wherever those came in the file.</summary>
    public async Task FinishAsync(CancellationToken ct)
    {
        if (supersessions.Count == 0)
        {
            return;
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var linked = new List<int>();
        await using (var command = new NpgsqlCommand("""
            UPDATE standards s SET replaced_by_id = r.id
            FROM unnest(@ids, @keys) AS x(external_id, code_key) JOIN standards r ON r.code_key = x.code_key
            WHERE s.external_id = x.external_id AND r.id <> s.id AND s.replaced_by_id IS DISTINCT FROM r.id
            RETURNING s.id
            """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter<string[]>("ids", [.. supersessions.Select(s => s.ExternalId)]));
            command.Parameters.Add(new NpgsqlParameter<string[]>("keys", [.. supersessions.Select(s => s.Key)]));
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                linked.Add(reader.GetInt32(0));
            }
        }

        await ChangeLogWriter.AppendAsync(db, ItemKind.Standard, linked, ct);
        await tx.CommitAsync(ct);
        supersessions.Clear();
    }

    private static Task WriteOrNullAsync<TValue>(NpgsqlBinaryImporter copy, TValue? value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, type, ct);
}
