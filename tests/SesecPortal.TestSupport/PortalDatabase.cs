using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Respawn;
using SesecPortal.Application.Data;
using SesecPortal.Application.Features.Search;
using SesecPortal.Application.Seed;

namespace SesecPortal.TestSupport;

/// <summary>A migrated database holding the seed issue, reset with Respawn (and seeded again) before a test that needs it clean.</summary>
public sealed class PortalDatabase : IAsyncDisposable
{
    private Respawner? respawner;

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
        return database;
    }

    public PortalDbContext CreateDbContext()
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDbContext.Configure(options, ConnectionString);
        return new PortalDbContext(options.Options);
    }

    /// <summary>Empties every table (Respawn) and loads the seed again: for tests that change data.</summary>
    public async Task ResetAsync()
    {
        await using (var conn = new NpgsqlConnection(ConnectionString))
        {
            await conn.OpenAsync();
            respawner ??= await Respawner.CreateAsync(conn, new RespawnerOptions
            {
                DbAdapter = DbAdapter.Postgres,
                SchemasToInclude = ["public"],
                // Roles, the ICS tree and the CCS classes are reference data from the migrations; the Data Protection keys belong
                // to the running portal, not to a test.
                TablesToIgnore = ["__EFMigrationsHistory", "AspNetRoles", "data_protection_keys", "ics_groups", "ccs_classes"],
            });
            // The running portal's change followers write while the tables are emptied; a deadlock between the two is
            // resolved by PostgreSQL aborting one side: the reset is simply run again (the followers retry by themselves).
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await respawner.ResetAsync(conn);
                    break;
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
                {
                }
            }
        }

        await SeedAsync();
    }

    public async Task<int> SeedAsync()
    {
        await using var db = CreateDbContext();
        return await new SeedLoader(db, NullLogger<SeedLoader>.Instance).LoadAsync(SeedLoader.ReadEmbedded(), CancellationToken.None);
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
