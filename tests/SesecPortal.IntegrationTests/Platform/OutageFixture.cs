using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Serilog.Core;
using SesecPortal.Application.Data;
using SesecPortal.Application.Seed;
using SesecPortal.TestSupport;
using SesecPortal.Web.Hosting;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.IntegrationTests.Platform;

/// <summary>
/// Issue 13: the portal's only database stops (a private cluster of its own, stopped and started again by the tests) and
/// the portal degrades instead of failing: 503 with Retry-After, problem details under /api, last good copies of cached
/// pages, one warning in the log, readiness that tells the truth, and recovery without a restart.
/// </summary>
public sealed class OutageFixture : IAsyncLifetime
{
    public const int RetryAfterSeconds = 7;
    private const string DatabaseName = "sesec_outage";

    private readonly string root = Path.Combine(Path.GetTempPath(), "sesecportal-tests", $"outage-{Guid.NewGuid():N}");
    private LocalPostgresCluster? cluster;
    private int port;

    public bool Available { get; private set; }
    public PortalFactory Factory { get; private set; } = null!;
    public CapturingLogSink Log { get; } = new();
    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        if (LocalPostgresCluster.FindBinDirectory() is null)
        {
            return;
        }

        using var setup = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        cluster = await LocalPostgresCluster.StartAsync(root, preferredPort: 0, setup.Token);
        port = cluster.Port;
        ConnectionString = await cluster.EnsureDatabaseAsync(DatabaseName, setup.Token);
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDbContext.Configure(options, ConnectionString);
        await using (var db = new PortalDbContext(options.Options))
        {
            await db.ApplyMigrationsAsync(setup.Token);
            await new SeedLoader(db, NullLogger<SeedLoader>.Instance).LoadAsync(SeedLoader.ReadEmbedded(), setup.Token);
        }

        Factory = new PortalFactory(ConnectionString, kestrel: true, services: s => s.AddSingleton<ILogEventSink>(Log), settings: new Dictionary<string, string>
        {
            ["Database:RetryAfterSeconds"] = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Database:OutageProbeMilliseconds"] = "200",
            // The episode ends 0.5 s after the last failed request, not 2 s: each test waits for that end.
            ["Database:OutageQuietMilliseconds"] = "500",
            // The machine is shared: a first request may be slow, and a slow request is a warning of its own.
            ["Logging:SlowRequestMs"] = "600000",
            // The factory logs warnings and above; the line that says the database is back is information.
            ["Serilog:MinimumLevel:Override:SesecPortal.Web.Infrastructure.DatabaseOutage"] = "Information",
        });
        _ = Factory.ServerAddress;
        Available = true;
    }

    public HttpClient CreateClient(bool cookies = false) => new(new HttpClientHandler
    {
        AllowAutoRedirect = false, UseCookies = cookies, CookieContainer = new CookieContainer(),
    })
    { BaseAddress = Factory.ServerAddress, Timeout = TimeSpan.FromSeconds(30) };

    public DatabaseOutage Outage => Factory.Services.GetRequiredService<DatabaseOutage>();

    /// <summary>Stops the database; disposing the result starts it again and waits until the portal has seen it back.</summary>
    public async Task<IAsyncDisposable> StopDatabaseAsync()
    {
        (await cluster!.StopAsync(30, CancellationToken.None)).ShouldBeTrue("the test database did not stop within 30 s");
        return new Restart(this);
    }

    private async Task StartDatabaseAsync()
    {
        cluster = await LocalPostgresCluster.StartAsync(root, preferredPort: port, CancellationToken.None);
        cluster.Port.ShouldBe(port, "the database came back on another port");
        using var client = CreateClient();
        await WaitForAsync(async () => (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK && !Outage.IsDown,
            TimeSpan.FromSeconds(60), "the portal to see the database back");
    }

    /// <summary>Asks <paramref name="condition"/> again and again (without a fixed wait) until it holds, or fails after <paramref name="timeout"/>.</summary>
    public static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:N0} s for {what}.");
            }

            await Task.Yield();
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Factory is not null)
        {
            await Factory.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        if (cluster is not null && !await cluster.StopAsync(20, CancellationToken.None))
        {
            cluster.Kill();
        }

        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A killed server may still be writing; the folder is under the system's temporary directory.
        }
    }

    private sealed class Restart(OutageFixture fixture) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await fixture.StartDatabaseAsync();
    }
}
