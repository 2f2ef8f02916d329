using System.Diagnostics;
using Npgsql;
using SesecPortal.Web.Hosting;

namespace SesecPortal.IntegrationTests.Platform;

/// <summary>
/// The README's first command wherever a user clones (issue 15 §1): a private folder (mode 0700, as <c>mktemp -d</c> and
/// root's home are) run as root, a cluster stopped with the portal, and one clear sentence when something outside the
/// portal stops it.
/// </summary>
public sealed class FirstRunTests
{
    [Fact(Timeout = 180_000)]
    public async Task A_cluster_asked_for_inside_a_private_folder_starts_answers_and_stops_with_its_owner()
    {
        if (OperatingSystem.IsWindows() || LocalPostgresCluster.FindBinDirectory() is null)
        {
            Assert.Skip("This test starts a cluster from the machine's PostgreSQL binaries, and none were found: " + LocalPostgresCluster.MissingBinariesMessage);
        }

        var home = PrivateFolder();
        var wanted = Path.Combine(home, "portal", ".data", "postgres");
        string? used = null;
        try
        {
            int? pid;
            await using (var cluster = await LocalPostgresCluster.StartAsync(wanted, preferredPort: 0, TestContext.Current.CancellationToken))
            {
                used = cluster.DataDirectory;
                await ShouldLiveWhereItsOwnerCanReachAsync(used, wanted);
                await using var connection = new NpgsqlConnection(await cluster.EnsureDatabaseAsync("first_run", TestContext.Current.CancellationToken));
                await connection.OpenAsync(TestContext.Current.CancellationToken);
                await using var command = new NpgsqlCommand("SELECT 41 + 1", connection);
                (await command.ExecuteScalarAsync(TestContext.Current.CancellationToken)).ShouldBe(42);
                pid = cluster.ServerProcessId;
                pid.ShouldNotBeNull();
            }

            // Disposed with the portal: the server is gone.
            // (pg_ctl stop returns once the server has removed its pid file; its last process may take a moment to exit.)
            (await GoneWithinAsync(pid!.Value, TimeSpan.FromSeconds(30))).ShouldBeTrue("the private PostgreSQL kept running after its owner stopped");

            // The same folder asked for again finds the same cluster (its data kept), not a new one.
            await using (var again = await LocalPostgresCluster.StartAsync(wanted, preferredPort: 0, TestContext.Current.CancellationToken))
            {
                again.DataDirectory.ShouldBe(used);
                await using var connection = new NpgsqlConnection(again.ConnectionString("first_run"));
                await connection.OpenAsync(TestContext.Current.CancellationToken);
            }
        }
        finally
        {
            Directory.Delete(home, recursive: true);
            if (used is not null && used != wanted && Directory.Exists(used))
            {
                Directory.Delete(used, recursive: true);
            }
        }
    }

    /// <summary>A folder only its owner may enter (mode 0700), as <c>mktemp -d</c> and root's home are.</summary>
    private static string PrivateFolder()
    {
        var home = Path.Combine(Path.GetTempPath(), "sesecportal-tests", $"private-{Guid.NewGuid():N}");
        Directory.CreateDirectory(home);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return home;
    }

    private static async Task ShouldLiveWhereItsOwnerCanReachAsync(string used, string wanted)
    {
        if (Environment.UserName == "root")
        {
            // The postgres user cannot pass through the 0700 folder: the data lives where it can, and the folder asked for says where.
            used.ShouldStartWith(LocalPostgresCluster.StandInRoot + "/");
            (await File.ReadAllTextAsync(Path.Combine(wanted, "LOCATION.txt"), TestContext.Current.CancellationToken)).ShouldContain(used);
        }
        else
        {
            used.ShouldBe(wanted);
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task A_cluster_that_cannot_be_made_is_one_sentence_and_exit_code_1_not_a_stack_trace()
    {
        if (LocalPostgresCluster.FindBinDirectory() is null)
        {
            Assert.Skip("This test needs the machine's PostgreSQL binaries: " + LocalPostgresCluster.MissingBinariesMessage);
        }

        // /proc takes no new folders, whoever asks: the portal cannot make its data folder there.
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "SesecPortal.Web.dll"), "--urls", "http://127.0.0.1:0" },
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ConnectionStrings__Portal"] = "",
                ["Database__LocalCluster__DataDirectory"] = "/proc/sesecportal/postgres",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
            },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        process.ExitCode.ShouldBe(1);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(1, error);
        lines[0].ShouldStartWith("The portal could not start its private PostgreSQL in /proc/sesecportal/postgres: ");
        lines[0].ShouldContain("ConnectionStrings__Portal");
        (error + await output).ShouldNotContain("   at ");
    }

    private static async Task<bool> GoneWithinAsync(int pid, TimeSpan ceiling)
    {
        var deadline = DateTime.UtcNow + ceiling;
        while (IsRunning(pid))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return true;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
