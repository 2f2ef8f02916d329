using System.Diagnostics;
using System.Net;
using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Search;
using SesecPortal.Application.Features.Standards;
using SesecPortal.Application.Seed;
using SesecPortal.TestSupport;
using SesecPortal.Web.Hosting;
using static SesecPortal.IntegrationTests.Platform.ScaleOutTests;

namespace SesecPortal.IntegrationTests.Platform;

/// <summary>
/// Issue 7 on this machine: a PostgreSQL primary and a streaming standby from the local binaries, two portal instances
/// on loopback with <c>ConnectionStrings:PortalRead</c> pointing at the standby first and the primary second.
/// </summary>
public sealed class StandbyTests
{
    private const string Database = "sesec_replication";
    private const string StandardPage = "/standards/gb-55015-2021";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 240_000)]
    public async Task Second_instance_reads_from_the_standby_sees_an_edit_within_a_second_and_survives_the_standby_stopping()
    {
        var testEnds = TestContext.Current.CancellationToken;
        if (LocalPostgresCluster.FindBinDirectory() is null)
        {
            Assert.Skip("This test starts a primary and a standby from the machine's PostgreSQL binaries, and none were found: " + LocalPostgresCluster.MissingBinariesMessage);
        }

        var root = Path.Combine(Path.GetTempPath(), "sesecportal-tests", $"replication-{Guid.NewGuid():N}");
        LocalPostgresCluster? primary = null, standby = null;
        PortalFactory? a = null, b = null;
        try
        {
            using var setup = CancellationTokenSource.CreateLinkedTokenSource(testEnds);
            setup.CancelAfter(TimeSpan.FromMinutes(2));
            primary = await LocalPostgresCluster.StartAsync(Path.Combine(root, "primary"), preferredPort: 0, setup.Token);
            var primaryCs = await primary.EnsureDatabaseAsync(Database, setup.Token);
            await MigrateAndSeedAsync(primaryCs, setup.Token);
            standby = await primary.StartStandbyAsync(Path.Combine(root, "standby"), setup.Token);

            a = Portal(primaryCs, ReadConnection(standby, primary, "sesec-read-a"));
            var readB = ReadConnection(standby, primary, "sesec-read-b");
            b = Portal(primaryCs, readB);
            using var reader = new HttpClient { BaseAddress = b.ServerAddress, Timeout = TimeSpan.FromSeconds(10) };
            _ = a.ServerAddress;
            await WaitForListenersAsync(primaryCs, 2);

            // The read connection lands on the standby, and B's queries go through it.
            (await ScalarAsync<bool>(readB, "SELECT pg_is_in_recovery()")).ShouldBeTrue();
            (await reader.GetAsync(new Uri("/api/search?q=energy", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
            var standbyCs = standby.ConnectionString(Database);
            (await ScalarAsync<long>(standbyCs, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'sesec-read-b'")).ShouldBeGreaterThan(0);

            // A reader has the page cached on B; an editor changes it on A; B shows the change within a second.
            (await reader.GetStringAsync(StandardPage, Ct)).ShouldContain("General Specification of Energy Efficiency");
            await EditTitleAsync(a, primaryCs, "Energy efficiency in buildings, edited on A");
            (await FirstWithinAsync(reader, StandardPage, "edited on A", TimeSpan.FromSeconds(1))).ShouldBeTrue("B still served the old page a second after the edit on A");

            // Stopping the standby while readers keep asking: every request answers, from the primary once the standby is gone.
            var (failures, requests, stoppedMs) = await AskWhileStoppingAsync(reader, standby);

            failures.ShouldBeEmpty($"{failures.Count} of {requests} requests failed while the standby stopped ({stoppedMs} ms)");
            requests.ShouldBeGreaterThan(10);
            (await ScalarAsync<long>(primaryCs, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'sesec-read-b'")).ShouldBeGreaterThan(0, "B's reads moved to the primary");
            (await reader.GetStringAsync("/health/ready", Ct)).ShouldContain("The primary answers the read connection");
        }
        finally
        {
            await StopAsync([a, b], [standby, primary], root);
        }
    }

    /// <summary>Readers ask B for searches and readiness while the standby is stopped: what failed, how many asked, how long the stop took.</summary>
    private static async Task<(List<string> Failures, int Requests, long StoppedMs)> AskWhileStoppingAsync(HttpClient reader, LocalPostgresCluster standby)
    {
        var failures = new List<string>();
        var requests = 0;
        using var stopLoop = new CancellationTokenSource();
        var loop = Task.Run(async () =>
        {
            while (!stopLoop.IsCancellationRequested)
            {
                requests++;
                var path = requests % 5 == 0 ? "/health/ready" : $"/api/search?q=energy&page={1 + (requests % 2)}";
                try
                {
                    using var response = await reader.GetAsync(new Uri(path, UriKind.Relative), Ct);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        failures.Add($"{path}: {(int)response.StatusCode}");
                    }
                }
                catch (HttpRequestException ex)
                {
                    failures.Add($"{path}: {ex.Message}");
                }
            }
        }, Ct);
        await Task.Delay(500, Ct);
        var stopped = Stopwatch.StartNew();
        (await standby.StopAsync(30, Ct)).ShouldBeTrue("the standby did not stop within 30 s");
        await Task.Delay(1500, Ct);
        await stopLoop.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(15), Ct);
        return (failures, requests, stopped.ElapsedMilliseconds);
    }

    /// <summary>The portals first, then the clusters (killed when they do not stop), then their folder.</summary>
    private static async Task StopAsync(PortalFactory?[] portals, LocalPostgresCluster?[] clusters, string root)
    {
        foreach (var portal in portals)
        {
            if (portal is not null)
            {
                await portal.DisposeAsync();
            }
        }

        NpgsqlConnection.ClearAllPools();
        foreach (var cluster in clusters)
        {
            if (cluster is not null && !await cluster.StopAsync(20, CancellationToken.None))
            {
                cluster.Kill();
            }
        }

        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A killed server may still be writing; the folder is under the system's temp directory.
        }
    }

    private static PortalFactory Portal(string primary, string read) =>
        new(primary, kestrel: true, settings: new Dictionary<string, string> { ["ConnectionStrings:PortalRead"] = read });

    /// <summary>Standby first, primary second: prefer-standby falls back to the primary when the standby does not answer.</summary>
    private static string ReadConnection(LocalPostgresCluster standby, LocalPostgresCluster primary, string applicationName) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = $"127.0.0.1:{standby.Port},127.0.0.1:{primary.Port}",
            Username = LocalPostgresCluster.Superuser,
            Database = Database,
            TargetSessionAttributes = "prefer-standby",
            ApplicationName = applicationName,
        }.ConnectionString;

    private static async Task MigrateAndSeedAsync(string connectionString, CancellationToken ct)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDbContext.Configure(options, connectionString);
        await using var db = new PortalDbContext(options.Options);
        await db.ApplyMigrationsAsync(ct);
        await new SeedLoader(db, NullLogger<SeedLoader>.Instance).LoadAsync(SeedLoader.ReadEmbedded(), ct);
    }

    /// <summary>Edits the standard's title through instance <paramref name="portal"/>'s own pipeline, as a signed-in editor.</summary>
    private static async Task EditTitleAsync(PortalFactory portal, string primaryCs, string title)
    {
        var accessor = portal.Services.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity([new(ClaimTypes.NameIdentifier, "editor"), new(ClaimTypes.Name, "editor"), new(ClaimTypes.Role, Roles.Editor)], "test")),
        };
        try
        {
            await using var scope = portal.Services.CreateAsyncScope();
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            var id = await ScalarAsync<int>(primaryCs, "SELECT id FROM standards WHERE slug = 'gb-55015-2021'");
            var form = (await sender.Send(new EditStandard.Query(id), Ct))!;
            form.TitleEn = title;
            await sender.Send(form, Ct);
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }
}
