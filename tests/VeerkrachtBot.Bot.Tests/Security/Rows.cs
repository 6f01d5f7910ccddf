using Dapper;
using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot.Tests.Security;

/// <summary>Row counts of a bot host's database, to show that a refused request created nothing.</summary>
public static class Rows
{
    public static async Task<long> CountAsync(BotHost host, string table, string where = "1 = 1", object? parameters = null)
    {
        await using var connection = await host.Get<IDatabase>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE {where}", parameters);
    }

    /// <summary>Characters stored in a local Direct Line conversation's transcript.</summary>
    public static async Task<long> TranscriptCharsAsync(BotHost host, string conversationId)
    {
        await using var connection = await host.Get<IDatabase>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>(
            "SELECT COALESCE(SUM(LENGTH(activity)), 0) FROM directline_activities WHERE conversation_id = @conversationId", new { conversationId });
    }

    public static async Task<IReadOnlyList<string>> TranscriptAsync(BotHost host, string conversationId)
    {
        await using var connection = await host.Get<IDatabase>().OpenAsync();
        return (await connection.QueryAsync<string>("SELECT activity FROM directline_activities WHERE conversation_id = @conversationId ORDER BY seq", new { conversationId })).ToList();
    }
}
