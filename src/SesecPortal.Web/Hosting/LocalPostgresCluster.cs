using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace SesecPortal.Web.Hosting;

/// <summary>
/// A private PostgreSQL cluster started from the machine's own PostgreSQL binaries, for `dotnet run` without a
/// configured database and for tests without Docker. It listens on 127.0.0.1 only, trusts local connections,
/// and runs as the <c>postgres</c> user when the process is root (initdb refuses root). Starting the tools, finding
/// them and finding free ports is <see cref="PostgresTools"/>.
/// </summary>
public sealed partial class LocalPostgresCluster : IAsyncDisposable
{
    public const string Superuser = "sesec";

    /// <summary>Where a data folder is kept when the <c>postgres</c> user cannot enter the one asked for.</summary>
    public const string StandInRoot = "/var/lib/sesecportal";

    private readonly string binDirectory;
    private readonly bool startedHere;

    private LocalPostgresCluster(string binDirectory, string dataDirectory, int port, bool startedHere)
    {
        this.binDirectory = binDirectory;
        DataDirectory = dataDirectory;
        Port = port;
        this.startedHere = startedHere;
    }

    public string DataDirectory { get; }
    public int Port { get; }

    /// <summary>Where the binaries are: <c>PG_BIN</c>, then <c>pg_ctl</c> on PATH, then the newest <c>/usr/lib/postgresql/*/bin</c>.</summary>
    public static string? FindBinDirectory() => PostgresTools.FindBinDirectory();

    public static string MissingBinariesMessage =>
        "No PostgreSQL server binaries were found (looked at PG_BIN, PATH and /usr/lib/postgresql/*/bin). " +
        "Install them (Debian/Ubuntu: apt-get install postgresql) or give a database with the setting " +
        "ConnectionStrings__Portal=\"Host=...;Database=...;Username=...;Password=...\".";

    /// <summary>Starts the cluster in <paramref name="dataDirectory"/> (creating it if needed), or reuses it when it already runs.</summary>
    public static async Task<LocalPostgresCluster> StartAsync(string dataDirectory, int preferredPort, CancellationToken ct)
    {
        var bin = FindBinDirectory() ?? throw new InvalidOperationException(MissingBinariesMessage);
        dataDirectory = await ReachableDataDirectoryAsync(Path.GetFullPath(dataDirectory), ct);

        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            await InitAsync(bin, dataDirectory, ct);
        }

        var running = await RunningPortAsync(bin, dataDirectory, ct);
        if (running is int port)
        {
            return new LocalPostgresCluster(bin, dataDirectory, port, startedHere: false);
        }

        port = PostgresTools.IsFree(preferredPort) ? preferredPort : PostgresTools.FreePort();
        await StartServerAsync(bin, dataDirectory, port, ct);
        return new LocalPostgresCluster(bin, dataDirectory, port, startedHere: true);
    }

    /// <summary>
    /// A streaming standby of this cluster in the empty or missing <paramref name="dataDirectory"/>: <c>pg_basebackup -R</c>
    /// over a replication connection (initdb's trust rules allow them from 127.0.0.1), started on a free port. It serves
    /// read-only queries (hot standby) and replays the primary's changes as they happen.
    /// </summary>
    public async Task<LocalPostgresCluster> StartStandbyAsync(string dataDirectory, CancellationToken ct)
    {
        dataDirectory = Path.GetFullPath(dataDirectory);
        await PostgresTools.PrepareDirectoryAsync(dataDirectory, ct);
        await PostgresTools.RunAsync(binDirectory, "pg_basebackup",
            ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", Superuser, "-D", dataDirectory, "-R", "-X", "stream", "-c", "fast"], ct);
        var port = PostgresTools.FreePort();
        await StartServerAsync(binDirectory, dataDirectory, port, ct);
        return new LocalPostgresCluster(binDirectory, dataDirectory, port, startedHere: true);
    }

    /// <summary>The postmaster's process id while the server runs (line 1 of <c>postmaster.pid</c>).</summary>
    public int? ServerProcessId
    {
        get
        {
            try
            {
                var first = File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).FirstOrDefault();
                return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    /// <summary>Stops the server (fast: clients are disconnected, nothing is lost), waiting at most <paramref name="timeoutSeconds"/>.</summary>
    public async Task<bool> StopAsync(int timeoutSeconds, CancellationToken ct)
    {
        var result = await PostgresTools.RunAsync(binDirectory, "pg_ctl",
            ["-D", DataDirectory, "-m", "fast", "-w", "-t", timeoutSeconds.ToString(CultureInfo.InvariantCulture), "stop"], ct, throwOnError: false);
        return result.ExitCode == 0;
    }

    /// <summary>Kills the postmaster by its process id (for clean-up when a stop did not work); its backends exit after it.</summary>
    public void Kill()
    {
        if (ServerProcessId is int pid)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (ArgumentException)
            {
                // It is gone already.
            }
        }
    }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Database = database,
        Pooling = true,
    }.ConnectionString;

    /// <summary>Creates the database unless it exists. The name is checked, never interpolated unchecked.</summary>
    public async Task<string> EnsureDatabaseAsync(string database, CancellationToken ct)
    {
        if (!DatabaseName().IsMatch(database))
        {
            throw new ArgumentException("A database name is lower-case letters, digits and underscores.", nameof(database));
        }

        await using var conn = new NpgsqlConnection(ConnectionString("postgres"));
        await conn.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", conn);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", conn);
            await create.ExecuteNonQueryAsync(ct);
        }

        return ConnectionString(database);
    }

    public async ValueTask DisposeAsync()
    {
        if (startedHere)
        {
            NpgsqlConnection.ClearAllPools();
            await PostgresTools.RunAsync(binDirectory, "pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "stop"], CancellationToken.None, throwOnError: false);
        }
    }

    private static async Task StartServerAsync(string bin, string dataDirectory, int port, CancellationToken ct)
    {
        var options = $"-p {port} -c listen_addresses=127.0.0.1 -k {dataDirectory} -c fsync=off -c full_page_writes=off";
        var log = Path.Combine(dataDirectory, "server.log");
        await PostgresTools.RunAsync(bin, "pg_ctl", ["-D", dataDirectory, "-l", log, "-w", "-t", "60", "-o", options, "start"], ct);
    }

    /// <summary>
    /// The data folder to use for <paramref name="wanted"/>: itself, unless the process is root and the <c>postgres</c>
    /// user (who runs the server) cannot enter it because a parent folder is private (a clone in <c>mktemp -d</c> or in
    /// root's home, both mode 0700). Then a folder of its own under <see cref="StandInRoot"/>, named after the folder
    /// asked for, so the same clone finds the same cluster on every run; a note in the folder asked for says where it is.
    /// </summary>
    public static async Task<string> ReachableDataDirectoryAsync(string wanted, CancellationToken ct)
    {
        if (OperatingSystem.IsWindows() || !PostgresTools.IsRoot || File.Exists(Path.Combine(wanted, "PG_VERSION")))
        {
            return wanted;
        }

        Directory.CreateDirectory(wanted);
        var (exitCode, _) = await PostgresTools.RunPlainAsync("runuser", ["-u", "postgres", "--", "test", "-x", wanted], ct, throwOnError: false);
        if (exitCode == 0)
        {
            return wanted;
        }

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(wanted)))[..12];
        var standIn = Path.Combine(StandInRoot, $"postgres-{hash}");
        Directory.CreateDirectory(StandInRoot, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        await File.WriteAllTextAsync(Path.Combine(wanted, "LOCATION.txt"),
            $"The postgres user cannot enter this folder (a parent folder is private), so this cluster's data is in {standIn}.\n" +
            $"Remove both folders to start again from an empty database.\n", ct);
        return standIn;
    }

    private static async Task InitAsync(string bin, string dataDirectory, CancellationToken ct)
    {
        await PostgresTools.PrepareDirectoryAsync(dataDirectory, ct);
        await PostgresTools.RunAsync(bin, "initdb", ["-D", dataDirectory, "-U", Superuser, "--auth=trust", "-E", "UTF8", "--no-locale"], ct);
    }

    private static async Task<int?> RunningPortAsync(string bin, string dataDirectory, CancellationToken ct)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return null;
        }

        var status = await PostgresTools.RunAsync(bin, "pg_ctl", ["-D", dataDirectory, "status"], ct, throwOnError: false);
        if (status.ExitCode != 0)
        {
            return null;
        }

        // postmaster.pid: line 4 is the port.
        var lines = await File.ReadAllLinesAsync(pidFile, ct);
        return lines.Length > 3 && int.TryParse(lines[3], NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null;
    }

    [GeneratedRegex("^[a-z0-9_]{1,63}$")]
    private static partial Regex DatabaseName();
}
