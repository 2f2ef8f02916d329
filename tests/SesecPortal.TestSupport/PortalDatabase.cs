using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Respawn;
using SesecPortal.Application.Data;
using SesecPortal.Application.Features.Search;
using SesecPortal.Application.Seed;

namespace SesecPortal.TestSupport;

/// <summary>A migrated database holding the seed issue, reset (emptied with Respawn, the seed loaded back) before a test that needs it clean.</summary>
public sealed class PortalDatabase : IAsyncDisposable
{
    // Roles, the ICS tree and the CCS classes are reference data from the migrations; the Data Protection keys belong to
    // the running portal, not to a test.
    private static readonly string[] Ignored = ["__EFMigrationsHistory", "AspNetRoles", "data_protection_keys", "ics_groups", "ccs_classes"];
    private static readonly string[] Schemas = ["public"];

    /// <summary>
    /// Counts the rows written to the tables a reset restores (a row trigger on each, and a statement trigger for
    /// <c>TRUNCATE</c>; a sequence, so a write rolled back counts too). Rows, not statements: the portal's mail dispatcher
    /// polls with an <c>UPDATE</c> that most often changes nothing. The followers' positions are left out: the running
    /// portal moves them by itself.
    /// </summary>
    private const string TrackWritesSql = """
        CREATE SEQUENCE IF NOT EXISTS sesec_test_writes;
        CREATE OR REPLACE FUNCTION sesec_test_wrote() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM nextval('sesec_test_writes');
            RETURN NULL;
        END $$;
        DO $$
        DECLARE t regclass;
        BEGIN
            FOR t IN SELECT c.oid::regclass FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind = 'r'
                    AND NOT c.relname = ANY (ARRAY['__EFMigrationsHistory', 'AspNetRoles', 'data_protection_keys', 'ics_groups', 'ccs_classes', 'change_followers'])
            LOOP
                EXECUTE format('DROP TRIGGER IF EXISTS sesec_test_wrote ON %s', t);
                EXECUTE format('CREATE TRIGGER sesec_test_wrote AFTER INSERT OR UPDATE OR DELETE ON %s FOR EACH ROW EXECUTE FUNCTION sesec_test_wrote()', t);
                EXECUTE format('DROP TRIGGER IF EXISTS sesec_test_truncated ON %s', t);
                EXECUTE format('CREATE TRIGGER sesec_test_truncated AFTER TRUNCATE ON %s FOR EACH STATEMENT EXECUTE FUNCTION sesec_test_wrote()', t);
            END LOOP;
        END $$;
        """;

    private const string WritesSql = "SELECT last_value * CASE WHEN is_called THEN 1 ELSE 0 END FROM sesec_test_writes";

    /// <summary>The write count when the seed was last loaded back: while it holds, the tables hold the seed alone.</summary>
    private long? cleanAt;

    private Respawner? respawner;
    private SeedSnapshot seed = null!;

    private PortalDatabase(TestPostgres server, string connectionString)
    {
        Server = server;
        ConnectionString = connectionString;
    }

    public TestPostgres Server { get; }
    public string ConnectionString { get; }

    public static async Task<PortalDatabase> CreateAsync(string name)
    {
        var server = await TestPostgres.StartAsync(name);
        string cs;
        try
        {
            cs = await server.CreateEmptyDatabaseAsync(name);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            throw new InvalidOperationException($"Could not create the test database on {server.Source}: {ex.Message}", ex);
        }

        var database = new PortalDatabase(server, cs);
        await using var db = database.CreateDbContext();
        await db.ApplyMigrationsAsync(CancellationToken.None);
        await database.SeedAsync();
        // What a reset loads back: the rows this first seeding left.
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        database.seed = await SeedSnapshot.CaptureAsync(conn, Schemas, Ignored);
        await using (var track = new NpgsqlCommand(TrackWritesSql, conn))
        {
            await track.ExecuteNonQueryAsync();
        }

        return database;
    }

    public PortalDbContext CreateDbContext()
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDbContext.Configure(options, ConnectionString);
        return new PortalDbContext(options.Options);
    }

    /// <summary>
    /// Empties every table (Respawn) and loads the seed again, from the rows the first seeding left (<see cref="SeedSnapshot"/>),
    /// in one transaction: the running portal sees the last test's data, then the seed, never empty tables. When nothing
    /// was written since the last reset (a test that only read), the tables hold the seed already and are left alone.
    /// Returns whether it loaded the seed back.
    /// </summary>
    public async Task<bool> ResetAsync()
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        if (cleanAt is { } clean && await WritesAsync(conn, null) == clean)
        {
            return false;
        }

        respawner ??= await Respawner.CreateAsync(conn, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = Schemas,
            TablesToIgnore = [.. Ignored.Select(t => (Respawn.Graph.Table)t)],
        });
        // The running portal's change followers write while the tables are emptied; a deadlock between the two is
        // resolved by PostgreSQL aborting one side: the reset is simply run again (the followers retry by themselves).
        for (var attempt = 1; ; attempt++)
        {
            await using var tx = await conn.BeginTransactionAsync();
            try
            {
                // Respawn's statement (every table but the ignored ones, in its order), run in this transaction.
                await using (var empty = new NpgsqlCommand(respawner.DeleteSql, conn))
                {
                    await empty.ExecuteNonQueryAsync();
                }

                await seed.RestoreAsync(conn);
                // Read before the commit: a write that lands after it counts as one since the seed was loaded.
                var writes = await WritesAsync(conn, tx);
                await tx.CommitAsync();
                cleanAt = writes;
                return true;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
                await tx.RollbackAsync();
            }
        }
    }

    private static async Task<long> WritesAsync(NpgsqlConnection conn, NpgsqlTransaction? tx)
    {
        await using var read = new NpgsqlCommand(WritesSql, conn, tx);
        return (long)(await read.ExecuteScalarAsync())!;
    }

    public async Task<int> SeedAsync()
    {
        await using var db = CreateDbContext();
        return await new SeedLoader(db, NullLogger<SeedLoader>.Instance).LoadAsync(SeedLoader.ReadEmbedded(), CancellationToken.None);
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
