using Npgsql;
using SesecPortal.Web.Hosting;
using Testcontainers.PostgreSql;

namespace SesecPortal.TestSupport;

/// <summary>
/// The real PostgreSQL server tests run against: <c>SESEC_TEST_DB</c> if set; else Testcontainers when Docker answers;
/// else a private cluster started from the machine's PostgreSQL binaries. One per test process.
/// </summary>
public sealed class TestPostgres : IAsyncDisposable
{
    private readonly Func<string, string> connectionString;
    private readonly IAsyncDisposable? owned;

    private TestPostgres(string source, Func<string, string> connectionString, IAsyncDisposable? owned)
    {
        Source = source;
        this.connectionString = connectionString;
        this.owned = owned;
    }

    /// <summary>Which of the three ways was used, for failure messages.</summary>
    public string Source { get; }

    public static async Task<TestPostgres> StartAsync(string name)
    {
        var tried = new List<string>();
        var configured = Environment.GetEnvironmentVariable("SESEC_TEST_DB");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var csb = new NpgsqlConnectionStringBuilder(configured);
            return new TestPostgres($"SESEC_TEST_DB ({csb.Host}:{csb.Port})", db => new NpgsqlConnectionStringBuilder(configured) { Database = db }.ConnectionString, null);
        }

        tried.Add("SESEC_TEST_DB is not set");

        if (DockerMayAnswer())
        {
            try
            {
                var container = new PostgreSqlBuilder("postgres:15-alpine").Build();
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
                await container.StartAsync(timeout.Token);
                var baseCs = container.GetConnectionString();
                return new TestPostgres("Testcontainers (postgres:15-alpine)", db => new NpgsqlConnectionStringBuilder(baseCs) { Database = db }.ConnectionString, container);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                tried.Add($"Testcontainers failed: {ex.GetType().Name}: {ex.Message}");
            }
        }
        else
        {
            tried.Add("Docker does not answer (no DOCKER_HOST, no /var/run/docker.sock)");
        }

        if (LocalPostgresCluster.FindBinDirectory() is null)
        {
            throw new InvalidOperationException(
                "No PostgreSQL for the tests. Tried: " + string.Join("; ", tried) + "; " + LocalPostgresCluster.MissingBinariesMessage +
                " Or set SESEC_TEST_DB to a connection string of a server where the tests may create databases.");
        }

        // One cluster per test project and checkout, reused across runs (a start takes under a second; initdb a few).
        // The checkout is part of the folder name so that two clones (a developer's and CI's) never share a cluster.
        var dir = Path.Combine(Path.GetTempPath(), "sesecportal-tests", $"{name}-{CheckoutHash()}");
        var cluster = await LocalPostgresCluster.StartAsync(dir, preferredPort: 0, CancellationToken.None);
        return new TestPostgres($"a private cluster in {dir} on port {cluster.Port}", cluster.ConnectionString, cluster);
    }

    /// <summary>Drops and creates an empty database; returns its connection string.</summary>
    public async Task<string> CreateEmptyDatabaseAsync(string database)
    {
        await using (var conn = new NpgsqlConnection(connectionString("postgres")))
        {
            await conn.OpenAsync();
            NpgsqlConnection.ClearAllPools();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{CheckName(database)}\" WITH (FORCE)", conn);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{CheckName(database)}\"", conn);
            await create.ExecuteNonQueryAsync();
        }

        return connectionString(database);
    }

    public async ValueTask DisposeAsync()
    {
        if (owned is not null)
        {
            await owned.DisposeAsync();
        }
    }

    private static string CheckName(string database) =>
        database.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')
            ? database
            : throw new ArgumentException("Test database names are lower-case letters, digits and underscores.", nameof(database));

    private static string CheckoutHash() =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(AppContext.BaseDirectory)))[..10];

    private static bool DockerMayAnswer() =>
        !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("DOCKER_HOST")) || File.Exists("/var/run/docker.sock");
}
