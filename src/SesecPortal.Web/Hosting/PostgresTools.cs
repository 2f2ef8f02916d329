using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SesecPortal.Web.Hosting;

/// <summary>The machine's PostgreSQL binaries and how they are run (as <c>postgres</c> when the process is root), and free local ports.</summary>
internal static class PostgresTools
{
    public static bool IsRoot => Environment.UserName == "root";

    public static string? FindBinDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("PG_BIN");
        if (!string.IsNullOrWhiteSpace(configured) && File.Exists(Path.Combine(configured, "pg_ctl")))
        {
            return configured;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "initdb")))
            {
                // A folder of symbolic links (/usr/local/bin -> /usr/lib/postgresql/15/bin) may lack the other tools
                // (pg_basebackup): use the folder the links point to.
                var target = File.ResolveLinkTarget(Path.Combine(dir, "pg_ctl"), returnFinalTarget: true);
                return target is not null && Path.GetDirectoryName(target.FullName) is { } real && File.Exists(Path.Combine(real, "initdb")) ? real : dir;
            }
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (!Directory.Exists(debianRoot))
        {
            return null;
        }

        return Directory.GetDirectories(debianRoot)
            .Select(d => (Dir: Path.Combine(d, "bin"), Version: decimal.TryParse(Path.GetFileName(d), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : 0))
            .Where(d => File.Exists(Path.Combine(d.Dir, "pg_ctl")) && File.Exists(Path.Combine(d.Dir, "initdb")))
            .OrderByDescending(d => d.Version)
            .Select(d => d.Dir)
            .FirstOrDefault();
    }

    public static async Task PrepareDirectoryAsync(string dataDirectory, CancellationToken ct)
    {
        Directory.CreateDirectory(dataDirectory);
        if (IsRoot)
        {
            await RunPlainAsync("chown", ["postgres:postgres", dataDirectory], ct);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(dataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public static bool IsFree(int port)
    {
        if (port <= 0)
        {
            return false;
        }

        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static Task<(int ExitCode, string Output)> RunAsync(string bin, string tool, string[] args, CancellationToken ct, bool throwOnError = true)
    {
        var path = Path.Combine(bin, tool);
        return IsRoot
            ? RunPlainAsync("runuser", ["-u", "postgres", "--", path, .. args], ct, throwOnError)
            : RunPlainAsync(path, args, ct, throwOnError);
    }

    public static async Task<(int ExitCode, string Output)> RunPlainAsync(string file, string[] args, CancellationToken ct, bool throwOnError = true)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {file}.");
        // pg_ctl start leaves the server holding our pipes open: read until the tool itself exits, not until EOF.
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var output = (await Task.WhenAny(Task.WhenAll(stdout, stderr), Task.Delay(2000, ct))) is Task<string[]> both && both.IsCompletedSuccessfully
            ? string.Join('\n', both.Result)
            : "";
        if (throwOnError && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed with exit code {process.ExitCode}: {output}");
        }

        return (process.ExitCode, output);
    }
}
