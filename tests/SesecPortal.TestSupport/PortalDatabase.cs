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
    /// in one transaction: the running portal sees the last test's data, then the seed, never empty tables.
    /// </summary>
    public async Task ResetAsync()
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
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
                await tx.CommitAsync();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
                await tx.RollbackAsync();
            }
        }
    }

    public async Task<int> SeedAsync()
    {
        await using var db = CreateDbContext();
        return await new SeedLoader(db, NullLogger<SeedLoader>.Instance).LoadAsync(SeedLoader.ReadEmbedded(), CancellationToken.None);
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
