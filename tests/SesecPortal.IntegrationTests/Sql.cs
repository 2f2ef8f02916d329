using Npgsql;
using SesecPortal.IntegrationTests.Platform;

namespace SesecPortal.IntegrationTests;

/// <summary>Plain SQL to hold a handler's answer to: counts, grouped counts, a column of text.</summary>
internal static class Sql
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<int> CountAsync(IntegrationFixture fixture, string sql) =>
        (int)await ScaleOutTests.ScalarAsync<long>(fixture.Database.ConnectionString, sql);

    /// <summary>Rows of (text, count).</summary>
    public static async Task<List<(string, int)>> CountsAsync(IntegrationFixture fixture, string sql)
    {
        var rows = new List<(string, int)>();
        await ReadAsync(fixture, sql, r => rows.Add((r.GetString(0), (int)r.GetInt64(1))));
        return rows;
    }

    /// <summary>The first column of every row, as text.</summary>
    public static async Task<List<string>> TextsAsync(IntegrationFixture fixture, string sql)
    {
        var rows = new List<string>();
        await ReadAsync(fixture, sql, r => rows.Add(r.GetString(0)));
        return rows;
    }

    private static async Task ReadAsync(IntegrationFixture fixture, string sql, Action<NpgsqlDataReader> row)
    {
        await using var conn = new NpgsqlConnection(fixture.Database.ConnectionString);
        await conn.OpenAsync(Ct);
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            row(reader);
        }
    }
}
