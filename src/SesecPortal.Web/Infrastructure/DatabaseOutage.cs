using System.Net.Sockets;
using Npgsql;

namespace SesecPortal.Web.Infrastructure;

/// <summary>
/// The one place that tells a transient database failure (the server is down, shutting down, starting, out of
/// connections, or too slow to answer) from a real error. A transient failure is answered with 503 and
/// <c>Retry-After</c>; anything else stays a 500 with its stack trace in the log.
/// </summary>
internal static class DatabaseFailure
{
    /// <summary>True when <paramref name="exception"/> or one of its inner exceptions is a database failure that passes by itself.</summary>
    public static bool IsTransient(Exception? exception) => Find(exception) is not null;

    /// <summary>The Npgsql exception that makes the failure transient, or null.</summary>
    public static NpgsqlException? Find(Exception? exception)
    {
        foreach (var ex in Chain(exception))
        {
            switch (ex)
            {
                case PostgresException postgres:
                    if (IsTransientState(postgres.SqlState))
                    {
                        return postgres;
                    }

                    break;
                // IsTransient covers the connection refused or reset (SocketException, IOException), a connect or
                // command timeout and an exhausted pool (TimeoutException).
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return npgsql;
            }
        }

        return null;
    }

    /// <summary>
    /// SQLSTATE classes that pass by themselves: 08 (connection exception), 53 (insufficient resources: too many
    /// connections, out of memory or disk), 57P01–57P03 (administrator shutdown, crash shutdown, cannot connect now: the
    /// server is stopping or starting), 57014 (a statement cancelled by its timeout: the server is overloaded).
    /// </summary>
    public static bool IsTransientState(string? sqlState) => sqlState is not null
        && (sqlState.StartsWith("08", StringComparison.Ordinal) || sqlState.StartsWith("53", StringComparison.Ordinal)
            || sqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
                or PostgresErrorCodes.QueryCanceled);

    /// <summary>One line for the log and the health report: what happened, without a stack trace.</summary>
    public static string Describe(Exception exception)
    {
        var found = Find(exception);
        if (found is PostgresException postgres)
        {
            return $"{postgres.SqlState}: {postgres.MessageText}";
        }

        var socket = Chain(exception).OfType<SocketException>().FirstOrDefault();
        var timeout = Chain(exception).OfType<TimeoutException>().FirstOrDefault();
        var message = (found ?? exception).Message;
        return socket is not null ? $"{message} ({socket.SocketErrorCode})"
            : timeout is not null && !message.Contains(timeout.Message, StringComparison.Ordinal) ? $"{message} ({timeout.Message})"
            : message;
    }

    private static IEnumerable<Exception> Chain(Exception? exception)
    {
        var pending = new Stack<Exception>();
        if (exception is not null)
        {
            pending.Push(exception);
        }

        var seen = 0;
        while (pending.Count > 0 && seen++ < 32)
        {
            var ex = pending.Pop();
            yield return ex;
            if (ex is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.Reverse())
                {
                    pending.Push(inner);
                }
            }
            else if (ex.InnerException is not null)
            {
                pending.Push(ex.InnerException);
            }
        }
    }
}

/// <summary>
/// Whether the database is answering, as this instance last saw it. The first transient failure opens an outage
/// <em>episode</em>: one warning with its cause (no stack trace), then a probe every second until the database answers
/// again and no request has failed for two seconds; that closes the episode with one information line saying how long it
/// lasted and how many failures it absorbed. Meanwhile pages answer 503 with <see cref="RetryAfter"/>, or their last good
/// copy (<see cref="LastGoodCopies"/>), and every other failure of the episode is only counted.
/// </summary>
public sealed class DatabaseOutage : IDisposable
{
    private readonly Lock gate = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly PortalDatabases databases;
    private readonly TimeProvider clock;
    private readonly ILogger<DatabaseOutage> logger;
    private readonly TimeSpan probeInterval;
    private readonly TimeSpan quietPeriod;
    private Episode? current;

    internal DatabaseOutage(PortalDatabases databases, TimeProvider clock, IConfiguration configuration, ILogger<DatabaseOutage> logger)
    {
        this.databases = databases;
        this.clock = clock;
        this.logger = logger;
        RetryAfter = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Database:RetryAfterSeconds", 5)));
        probeInterval = TimeSpan.FromMilliseconds(Math.Max(50, configuration.GetValue("Database:OutageProbeMilliseconds", 1000)));
        // How long no request may have failed before the episode ends (tests, which stop the database on purpose, shorten it).
        quietPeriod = TimeSpan.FromMilliseconds(Math.Max(50, configuration.GetValue("Database:OutageQuietMilliseconds", 2000)));
    }

    /// <summary>What a client is told to wait before asking again while the database does not answer.</summary>
    public TimeSpan RetryAfter { get; }

    /// <summary><see cref="RetryAfter"/> in whole seconds, as the header wants it.</summary>
    public string RetryAfterHeader => ((int)Math.Ceiling(RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>True from the first transient failure until the probe finds the database answering again.</summary>
    public bool IsDown => Volatile.Read(ref current) is not null;

    /// <summary>The cause of the outage now, or null.</summary>
    public string? Cause => Volatile.Read(ref current)?.Cause;

    /// <summary>
    /// Records a transient failure seen by <paramref name="where"/> (a request, a background service). Returns true when
    /// it opened an episode (and was logged), false when it joined the open one.
    /// </summary>
    public bool Report(Exception failure, string where)
    {
        Episode episode;
        lock (gate)
        {
            var now = clock.GetUtcNow();
            if (current is { } open)
            {
                open.Failures++;
                open.LastFailure = now;
                return false;
            }

            episode = current = new Episode(now, DatabaseFailure.Describe(failure)) { LastFailure = now, Failures = 1 };
        }

        var sqlState = DatabaseFailure.Find(failure) is PostgresException postgres ? postgres.SqlState : null;
        logger.LogWarning(
            "The database does not answer: {Cause} (SQLSTATE {SqlState}). First seen by {Where}. Until it answers, pages answer 503 (Retry-After {RetryAfterSeconds} s) or their last good copy; this is logged once per outage",
            episode.Cause, sqlState ?? "none", where, RetryAfterHeader);
        _ = Task.Run(() => ProbeAsync(episode, stopping.Token));
        return true;
    }

    /// <summary>
    /// Whether the database answers now, asked once on a connection of its own; a failure is reported as one seen by
    /// <paramref name="where"/> (it opens an episode when none is open). For a request that cannot tell why it failed.
    /// </summary>
    public async Task<bool> AnswersNowAsync(string where, CancellationToken ct)
    {
        if (IsDown)
        {
            return false;
        }

        try
        {
            await using var connection = new NpgsqlConnection(ProbeConnectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(ct);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or SocketException or TimeoutException)
        {
            if (DatabaseFailure.IsTransient(ex))
            {
                Report(ex, where);
            }

            return false;
        }
    }

    /// <summary>Its own physical connection, quickly given up: a probe must not wait in (or break) the portal's pool.</summary>
    private string ProbeConnectionString => new NpgsqlConnectionStringBuilder(databases.Primary)
    {
        Pooling = false,
        Timeout = 3,
        CommandTimeout = 3,
        ApplicationName = "sesec-outage-probe",
    }.ConnectionString;

    private async Task ProbeAsync(Episode episode, CancellationToken ct)
    {
        var probe = ProbeConnectionString;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(probeInterval, clock, ct);
                if (!await AnswersAsync(probe, ct))
                {
                    continue;
                }

                DateTimeOffset lastFailure;
                int failures;
                lock (gate)
                {
                    lastFailure = episode.LastFailure;
                    failures = episode.Failures;
                    if (clock.GetUtcNow() - lastFailure < quietPeriod)
                    {
                        continue;
                    }

                    current = null;
                }

                // Connections opened before the outage are broken; the pool should not hand them out again.
                using (var primary = new NpgsqlConnection(databases.Primary))
                {
                    NpgsqlConnection.ClearPool(primary);
                }

                logger.LogInformation(
                    "The database answers again after {OutageSeconds:0.0} s; {Failures} failures were answered with 503 or a last good copy meanwhile",
                    (clock.GetUtcNow() - episode.Since).TotalSeconds, failures);
                return;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private static async Task<bool> AnswersAsync(string connectionString, CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(ct);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or SocketException or TimeoutException or InvalidOperationException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        stopping.Dispose();
    }

    private sealed class Episode(DateTimeOffset since, string cause)
    {
        public DateTimeOffset Since { get; } = since;
        public string Cause { get; } = cause;
        public DateTimeOffset LastFailure { get; set; }
        public int Failures { get; set; }
    }
}
