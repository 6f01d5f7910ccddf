using Dapper;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot.DirectLine;

/// <summary>A local Direct Line conversation.</summary>
public sealed record DirectLineConversation(string Id, string? UserId, string? Locale);

/// <summary>One stored activity; <see cref="Sequence"/> is its watermark.</summary>
public sealed record TranscriptEntry(long Sequence, string ActivityJson);

/// <summary>What an append did: the activity's sequence, whether it was a client's retry, or that the transcript is full.</summary>
public readonly record struct TranscriptAppend(long Sequence, bool Duplicate, bool Full);

/// <summary>
/// Conversations and transcripts of the local Direct Line, in the database so that a restart or a second
/// bot instance continues them, and a client can resume from its watermark. Each conversation keeps a running count
/// of the characters its transcript holds, updated in the transaction of every append.
/// </summary>
public sealed class TranscriptStore(IDatabase database, TimeProvider clock)
{
    internal const string Insert = "INSERT INTO directline_conversations (id, user_id, locale, created_at) VALUES (@Id, @UserId, @Locale, @now)";

    internal const string Select = "SELECT id AS Id, user_id AS UserId, locale AS Locale FROM directline_conversations WHERE id = @id";

    internal const string MarkStarted = "UPDATE directline_conversations SET started_at = @now WHERE id = @id AND started_at IS NULL";

    internal const string SqliteAppend = """
        INSERT INTO directline_activities (conversation_id, client_activity_id, activity, created_at)
        VALUES (@conversationId, @clientActivityId, @activityJson, @now)
        ON CONFLICT (conversation_id, client_activity_id) WHERE client_activity_id IS NOT NULL DO NOTHING
        RETURNING seq
        """;

    internal const string SqlServerAppend = """
        INSERT INTO directline_activities (conversation_id, client_activity_id, activity, created_at)
        OUTPUT INSERTED.seq
        SELECT @conversationId, @clientActivityId, @activityJson, @now
        WHERE @clientActivityId IS NULL OR NOT EXISTS (
            SELECT 1 FROM directline_activities WITH (UPDLOCK, HOLDLOCK) WHERE conversation_id = @conversationId AND client_activity_id = @clientActivityId);
        """;

    // Appends of one conversation take turns on SQL Server: an IDENTITY value is taken before its row commits, so
    // two appends at once could commit seq 11 before seq 10, and a stream that read 11 would move its watermark past
    // 10 and never send it. Holding the conversation row's update lock until commit makes each conversation's rows
    // commit in seq order (SQLite has one writer at a time anyway), and makes the size check and the count below one
    // step: no two appends can both see room for themselves.
    internal const string SqlServerLockConversation = "SELECT 1 FROM directline_conversations WITH (UPDLOCK, ROWLOCK) WHERE id = @conversationId";

    internal const string SelectByClientId = "SELECT seq FROM directline_activities WHERE conversation_id = @conversationId AND client_activity_id = @clientActivityId";

    /// <summary>Counts an activity in; with a ceiling, only while it fits (no row changes when it does not).</summary>
    internal const string CountIn = """
        UPDATE directline_conversations SET transcript_chars = transcript_chars + @chars
        WHERE id = @conversationId AND (@maxChars IS NULL OR transcript_chars + @chars <= @maxChars)
        """;

    internal const string SqliteReadAfter = "SELECT seq, activity FROM directline_activities WHERE conversation_id = @conversationId AND seq > @watermark ORDER BY seq LIMIT @max";

    // Because appends of a conversation commit in seq order (SqlServerLockConversation), what a reader sees of it, with
    // or without read-committed snapshot, is always a gap-free prefix: no lock hint needed, readers never wait.
    internal const string SqlServerReadAfter = "SELECT TOP (@max) seq, activity FROM directline_activities WHERE conversation_id = @conversationId AND seq > @watermark ORDER BY seq";

    internal const string SelectUserConversations = "SELECT id FROM directline_conversations WHERE user_id = @userId";

    internal const string ForgetUser = "DELETE FROM directline_activities WHERE conversation_id IN (SELECT id FROM directline_conversations WHERE user_id = @userId)";

    internal const string ResetUserCounts = "UPDATE directline_conversations SET transcript_chars = 0 WHERE user_id = @userId";

    internal const string SelectChars = "SELECT transcript_chars FROM directline_conversations WHERE id = @conversationId";

    /// <summary>
    /// Deletes every activity of the user's conversations ("delete my data"), in one transaction with their counts. The
    /// conversations stay, so an open chat goes on from its watermark; what arrives after this is kept as usual.
    /// </summary>
    /// <returns>The user's conversation ids.</returns>
    public Task<IReadOnlyList<string>> ForgetUserAsync(string userId, CancellationToken cancellationToken) =>
        database.WriteAsync<IReadOnlyList<string>>(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(ForgetUser, new { userId }, transaction);
            await connection.ExecuteAsync(ResetUserCounts, new { userId }, transaction);
            return (await connection.QueryAsync<string>(SelectUserConversations, new { userId }, transaction)).ToList();
        }, cancellationToken);

    public Task CreateAsync(DirectLineConversation conversation, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) => connection.ExecuteAsync(Insert, new { conversation.Id, conversation.UserId, conversation.Locale, now = Now() }, transaction),
            cancellationToken);

    public Task<DirectLineConversation?> GetAsync(string id, CancellationToken cancellationToken) =>
        database.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<DirectLineConversation>(Select, new { id }), cancellationToken);

    /// <summary>Marks the conversation started; true only for the one call that started it.</summary>
    public Task<bool> TryMarkStartedAsync(string id, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(MarkStarted, new { id, now = Now() }, transaction) == 1, cancellationToken);

    /// <summary>Characters the conversation's transcript holds (its running count).</summary>
    public Task<long> CharsAsync(string conversationId, CancellationToken cancellationToken) =>
        database.ReadAsync(connection => connection.ExecuteScalarAsync<long>(SelectChars, new { conversationId }), cancellationToken);

    /// <summary>
    /// Appends an activity. A second append with the same client activity id (a client retrying its post) stores
    /// nothing and returns the first one's sequence with <c>Duplicate</c>. With <paramref name="maxChars"/> the activity
    /// is only stored while the transcript stays within it (<c>Full</c> otherwise); the check and the count happen in
    /// the append's transaction, after the conversation is locked, so appends at the same moment cannot overshoot.
    /// </summary>
    public Task<TranscriptAppend> AppendAsync(string conversationId, string activityJson, string? clientActivityId, long? maxChars, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            if (database.Provider == DatabaseProvider.SqlServer)
            {
                await connection.ExecuteAsync(SqlServerLockConversation, new { conversationId }, transaction);
            }

            if (clientActivityId is not null
                && await connection.ExecuteScalarAsync<long?>(SelectByClientId, new { conversationId, clientActivityId }, transaction) is { } existing)
            {
                return new TranscriptAppend(existing, Duplicate: true, Full: false);
            }

            if (await connection.ExecuteAsync(CountIn, new { conversationId, chars = (long)activityJson.Length, maxChars }, transaction) == 0)
            {
                return new TranscriptAppend(0, Duplicate: false, Full: true);
            }

            var sequence = await connection.ExecuteScalarAsync<long?>(database.Pick(SqliteAppend, SqlServerAppend), new { conversationId, clientActivityId, activityJson, now = Now() }, transaction);
            return new TranscriptAppend(sequence ?? throw new InvalidOperationException("The append stored nothing although the conversation was locked."), Duplicate: false, Full: false);
        }, cancellationToken);

    /// <summary>Activities after <paramref name="watermark"/>, oldest first.</summary>
    public async Task<IReadOnlyList<TranscriptEntry>> ReadAfterAsync(string conversationId, long watermark, int max, CancellationToken cancellationToken)
    {
        var rows = await database.ReadAsync(connection => connection.QueryAsync<(long Seq, string Activity)>(database.Pick(SqliteReadAfter, SqlServerReadAfter), new { conversationId, watermark, max }), cancellationToken);
        return rows.Select(r => new TranscriptEntry(r.Seq, r.Activity)).ToList();
    }

    private long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();
}
