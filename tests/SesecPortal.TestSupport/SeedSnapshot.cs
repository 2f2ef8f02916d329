using Npgsql;

namespace SesecPortal.TestSupport;

/// <summary>
/// The rows of a freshly seeded database, kept in PostgreSQL's binary COPY format, table by table: loading them back
/// costs a few COPY statements, where seeding again through EF Core cost a second or more per test. Tables are loaded
/// parents first (foreign keys are checked as usual). Sequences are left where they are, as after a reseed: an id a test
/// saw is never handed out again.
/// </summary>
internal sealed class SeedSnapshot
{
    private const string TablesSql = """
        SELECT c.oid::bigint, quote_ident(n.nspname) || '.' || quote_ident(c.relname)
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ANY(@schemas) AND c.relkind = 'r' AND NOT c.relname = ANY(@ignored)
        """;

    private const string ForeignKeysSql = "SELECT conrelid::bigint, confrelid::bigint FROM pg_constraint WHERE contype = 'f' AND conrelid <> confrelid";

    private readonly List<(string Table, byte[] Rows)> tables;

    private SeedSnapshot(List<(string Table, byte[] Rows)> tables) => this.tables = tables;

    /// <summary>Reads every table of <paramref name="schemas"/> but the ignored ones, parents before children.</summary>
    public static async Task<SeedSnapshot> CaptureAsync(NpgsqlConnection conn, string[] schemas, string[] ignored)
    {
        var names = new Dictionary<long, string>();
        await using (var cmd = new NpgsqlCommand(TablesSql, conn))
        {
            cmd.Parameters.AddWithValue("schemas", schemas);
            cmd.Parameters.AddWithValue("ignored", ignored);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                names[reader.GetInt64(0)] = reader.GetString(1);
            }
        }

        var parents = names.Keys.ToDictionary(k => k, _ => new HashSet<long>());
        await using (var cmd = new NpgsqlCommand(ForeignKeysSql, conn))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                if (parents.TryGetValue(reader.GetInt64(0), out var of) && names.ContainsKey(reader.GetInt64(1)))
                {
                    of.Add(reader.GetInt64(1));
                }
            }
        }

        var captured = new List<(string, byte[])>();
        foreach (var table in ParentsFirst(parents).Select(oid => names[oid]))
        {
            if (await HasRowsAsync(conn, table))
            {
                captured.Add((table, await CopyOutAsync(conn, table)));
            }
        }

        return new SeedSnapshot(captured);
    }

    /// <summary>Loads the rows back into the (emptied) tables, on the connection's current transaction.</summary>
    public async Task RestoreAsync(NpgsqlConnection conn)
    {
        foreach (var (table, rows) in tables)
        {
            await using var copy = await conn.BeginRawBinaryCopyAsync($"COPY {table} FROM STDIN (FORMAT binary)");
            await copy.WriteAsync(rows);
        }
    }

    private static async Task<bool> HasRowsAsync(NpgsqlConnection conn, string table)
    {
        await using var cmd = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM {table})", conn);
        return (bool)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task<byte[]> CopyOutAsync(NpgsqlConnection conn, string table)
    {
        using var buffer = new MemoryStream();
        await using (var copy = await conn.BeginRawBinaryCopyAsync($"COPY {table} TO STDOUT (FORMAT binary)"))
        {
            await copy.CopyToAsync(buffer);
        }

        return buffer.ToArray();
    }

    /// <summary>A topological order of the tables (Kahn): each after the tables its foreign keys point to.</summary>
    private static List<long> ParentsFirst(Dictionary<long, HashSet<long>> parents)
    {
        var order = new List<long>();
        var left = parents.ToDictionary(p => p.Key, p => new HashSet<long>(p.Value));
        while (left.Count > 0)
        {
            var ready = left.Where(p => p.Value.Count == 0).Select(p => p.Key).Order().ToList();
            if (ready.Count == 0)
            {
                throw new InvalidOperationException("The tables' foreign keys form a cycle: the seed snapshot cannot be loaded parents first.");
            }

            foreach (var oid in ready)
            {
                left.Remove(oid);
                order.Add(oid);
            }

            foreach (var waiting in left.Values)
            {
                waiting.ExceptWith(ready);
            }
        }

        return order;
    }
}
