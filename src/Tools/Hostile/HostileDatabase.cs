using Dapper;
using Microsoft.Data.Sqlite;

namespace VeerkrachtBot.Tools.Hostile;

/// <summary>The bot's SQLite database as the hostile run checks it: rows per table, and SQLite's own integrity checks.</summary>
public static class HostileDatabase
{
    /// <summary>Rows in every table (read-only; the bot may keep writing).</summary>
    public static async Task<IReadOnlyDictionary<string, long>> CountRowsAsync(string path)
    {
        await using var connection = await OpenAsync(path);
        var tables = await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            counts[table] = await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"");
        }

        return counts;
    }

    /// <summary>PRAGMA integrity_check's answer ("ok" when sound) and the rows PRAGMA foreign_key_check reports.</summary>
    public static async Task<(string Integrity, int ForeignKeyViolations)> CheckAsync(string path)
    {
        await using var connection = await OpenAsync(path);
        var integrity = string.Join("; ", await connection.QueryAsync<string>("PRAGMA integrity_check"));
        var violations = (await connection.QueryAsync("PRAGMA foreign_key_check")).Count();
        return (integrity, violations);
    }

    private static async Task<SqliteConnection> OpenAsync(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }
}
