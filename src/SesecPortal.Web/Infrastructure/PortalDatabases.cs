using System.Diagnostics;
using Npgsql;

namespace SesecPortal.Web.Infrastructure;

/// <summary>
/// The portal's two connection strings: <c>ConnectionStrings:Portal</c>, the primary, for writes and everything that is
/// not a query; <c>ConnectionStrings:PortalRead</c>, optional, for queries (a streaming standby, typically a multi-host
/// string <c>Host=standby,primary;Target Session Attributes=prefer-standby</c>). Without it every read uses the primary.
/// Also this instance's id, which tells its own cache notifications from other instances'.
/// </summary>
internal sealed class PortalDatabases(string primary, string? read, string instanceId)
{
    public string Primary { get; } = primary;
    public string? Read { get; } = string.IsNullOrWhiteSpace(read) ? null : Application.Data.PortalDbContext.Tuned(read);
    public string InstanceId { get; } = instanceId;

    public bool HasReadConnection => Read is not null;

    public static PortalDatabases From(IConfiguration configuration, string primary)
    {
        var id = configuration["Instance:Id"];
        if (string.IsNullOrWhiteSpace(id))
        {
            id = $"{Environment.MachineName}-{Guid.NewGuid().ToString("N")[..12]}";
        }

        return new PortalDatabases(primary, configuration.GetConnectionString("PortalRead"), id);
    }

    /// <summary>The primary's current WAL position: a standby that has replayed up to it sees every write committed before.</summary>
    public async Task<string> PrimaryWalPositionAsync(CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(Primary);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT pg_current_wal_lsn()::text", conn);
        return (string)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Waits until the read connection has replayed <paramref name="walPosition"/> (true at once when it lands on the
    /// primary or there is none), at most <paramref name="timeout"/>. Returns how long it waited, or null on timeout or error.
    /// </summary>
    public async Task<TimeSpan?> WaitForReadConnectionAsync(string walPosition, TimeSpan timeout, CancellationToken ct)
    {
        if (Read is null)
        {
            return TimeSpan.Zero;
        }

        var clock = Stopwatch.StartNew();
        try
        {
            await using var conn = new NpgsqlConnection(Read);
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand("SELECT coalesce(pg_last_wal_replay_lsn() >= @position::pg_lsn, true)", conn);
            cmd.Parameters.AddWithValue("position", walPosition);
            while (true)
            {
                if ((bool)(await cmd.ExecuteScalarAsync(ct))!)
                {
                    return clock.Elapsed;
                }

                if (clock.Elapsed > timeout)
                {
                    return null;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(20), ct);
            }
        }
        catch (NpgsqlException)
        {
            return null;
        }
    }
}
