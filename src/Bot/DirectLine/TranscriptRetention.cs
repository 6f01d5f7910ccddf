using System.Data.Common;
using Dapper;
using VeerkrachtBot.Core.Retention;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot.DirectLine;

/// <summary>
/// The local Direct Line's transcripts are kept <see cref="RetentionOptions.TranscriptRetentionMonths"/>: the daily run
/// deletes older activities and recounts what their conversations hold. The conversations themselves stay (a random
/// <c>dl_</c> user id and a locale, no text), so a page that comes back goes on from its watermark.
/// </summary>
public sealed class TranscriptRetention(IDatabase database) : IRetentionPart
{
    internal const string SelectOldConversations = "SELECT DISTINCT conversation_id FROM directline_activities WHERE created_at < @cutoff";

    internal const string DeleteOld = "DELETE FROM directline_activities WHERE created_at < @cutoff";

    internal const string SqliteRecount = """
        UPDATE directline_conversations SET transcript_chars =
            (SELECT COALESCE(SUM(LENGTH(a.activity)), 0) FROM directline_activities a WHERE a.conversation_id = directline_conversations.id)
        WHERE id IN (SELECT value FROM json_each(@ids))
        """;

    internal const string SqlServerRecount = """
        UPDATE c SET transcript_chars =
            COALESCE((SELECT SUM(CAST(LEN(a.activity) AS BIGINT)) FROM directline_activities a WHERE a.conversation_id = c.id), 0)
        FROM directline_conversations c
        WHERE c.id IN (SELECT value FROM OPENJSON(@ids) WITH (value NVARCHAR(64) '$'))
        """;

    /// <inheritdoc />
    public string Name => "transcripts";

    /// <inheritdoc />
    public async Task<int> ApplyAsync(DbConnection connection, DbTransaction transaction, RetentionCutoffs cutoffs, CancellationToken cancellationToken)
    {
        var cutoff = cutoffs.Transcripts.ToUnixTimeMilliseconds();
        var conversations = (await connection.QueryAsync<string>(SelectOldConversations, new { cutoff }, transaction)).ToList();
        if (conversations.Count == 0)
        {
            return 0;
        }

        var deleted = await connection.ExecuteAsync(DeleteOld, new { cutoff }, transaction);
        await connection.ExecuteAsync(database.Pick(SqliteRecount, SqlServerRecount), new { ids = Sql.JsonList(conversations) }, transaction);
        return deleted;
    }
}
