using Dapper;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot.DirectLine;

/// <summary>How much a local Direct Line conversation's transcript holds, to keep it under its ceiling.</summary>
public sealed class TranscriptSize(IDatabase database)
{
    internal const string SqliteChars = "SELECT COALESCE(SUM(LENGTH(activity)), 0) FROM directline_activities WHERE conversation_id = @conversationId";

    internal const string SqlServerChars = "SELECT COALESCE(SUM(CAST(LEN(activity) AS BIGINT)), 0) FROM directline_activities WHERE conversation_id = @conversationId";

    /// <summary>Characters stored in the conversation's transcript.</summary>
    public async Task<long> CharsAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(database.Pick(SqliteChars, SqlServerChars), new { conversationId });
    }
}
