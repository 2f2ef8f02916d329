using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Features.Search;
using SesecPortal.Application.Seed;
using SesecPortal.Web.Hosting;

namespace SesecPortal.Web.Infrastructure;

internal static class DatabaseSetup
{
    /// <summary>
    /// The configured connection string, or else a private PostgreSQL cluster started from the machine's binaries in a
    /// git-ignored folder (<c>.data/postgres</c> at the repository root). Returns null, having said why, when neither is possible.
    /// </summary>
    public static async Task<(string ConnectionString, LocalPostgresCluster? Cluster)?> ResolveAsync(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration.GetConnectionString("Portal");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return (configured, null);
        }

        if (LocalPostgresCluster.FindBinDirectory() is null)
        {
            await Console.Error.WriteLineAsync(LocalPostgresCluster.MissingBinariesMessage);
            return null;
        }

        var section = configuration.GetSection("Database:LocalCluster");
        var dataDirectory = section["DataDirectory"];
        if (string.IsNullOrWhiteSpace(dataDirectory))
        {
            dataDirectory = Path.Combine(RepositoryRoot(environment.ContentRootPath), ".data", "postgres");
        }

        LocalPostgresCluster cluster;
        try
        {
            cluster = await LocalPostgresCluster.StartAsync(dataDirectory, section.GetValue("Port", 5433), CancellationToken.None);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            // Something outside the portal stops it (permissions, a full disk, a broken installation): one sentence, no stack trace.
            await Console.Error.WriteLineAsync(
                $"The portal could not start its private PostgreSQL in {dataDirectory}: {LastLine(ex.Message)} " +
                "Fix that, or set ConnectionStrings__Portal to a PostgreSQL server you run.");
            return null;
        }

        Console.WriteLine(cluster.DataDirectory == Path.GetFullPath(dataDirectory)
            ? $"No ConnectionStrings:Portal configured: using the private PostgreSQL cluster in {cluster.DataDirectory} (stopped with the portal)"
            : $"No ConnectionStrings:Portal configured: using the private PostgreSQL cluster in {cluster.DataDirectory} (stopped with the portal; " +
              $"the postgres user cannot enter {dataDirectory}, whose parent folder is private)");
        var connectionString = await cluster.EnsureDatabaseAsync(section["Database"] ?? "sesecportal", CancellationToken.None);
        return (connectionString, cluster);
    }

    /// <summary>
    /// Applies migrations and loads the seed issue (idempotent). The search index needs nothing here: each instance's
    /// <c>SearchIndexFollower</c> builds its index from the database when it is missing or of an older schema.
    /// </summary>
    public static async Task InitialiseAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await db.ApplyMigrationsAsync(ct);
        await scope.ServiceProvider.GetRequiredService<SeedLoader>().LoadAsync(SeedLoader.ReadEmbedded(), ct);
    }

    /// <summary>The last line of a tool's output that says something (initdb's "error: …").</summary>
    private static string LastLine(string message) =>
        message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => l.Length > 0) ?? message;

    internal static string RepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SesecPortal.sln")))
            {
                return dir.FullName;
            }
        }

        return start;
    }
}
