using System.Data.Common;
using Dapper;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using VeerkrachtBot.Core.Privacy;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot.Proactive;

/// <summary>
/// How to reach a resident proactively: the conversation reference of their own conversation with the bot, in the
/// database so any instance can send to it. Remembered when there is a reason to write to them later (they shared an
/// idea, answered for a meeting or a poll, asked for news), refreshed on every later turn of theirs (a new conversation, a new
/// service URL), and part of their data: in the export, erased with everything else.
/// </summary>
public sealed class ResidentConversations(IDatabase database, TimeProvider clock) : IResidentDataPart
{
    internal const string SqliteUpsert = """
        INSERT INTO resident_conversations (resident_id, reference, updated_at) VALUES (@residentId, @reference, @now)
        ON CONFLICT (resident_id) DO UPDATE SET reference = excluded.reference, updated_at = excluded.updated_at
        """;

    internal const string SqlServerUpsert = """
        MERGE resident_conversations WITH (HOLDLOCK) AS target
        USING (SELECT @residentId AS resident_id) AS source ON target.resident_id = source.resident_id
        WHEN MATCHED THEN UPDATE SET reference = @reference, updated_at = @now
        WHEN NOT MATCHED THEN INSERT (resident_id, reference, updated_at) VALUES (@residentId, @reference, @now);
        """;

    internal const string UpdateIfChanged = "UPDATE resident_conversations SET reference = @reference, updated_at = @now WHERE resident_id = @residentId";

    internal const string Select = "SELECT reference FROM resident_conversations WHERE resident_id = @residentId";

    internal const string SelectWithTime = "SELECT reference AS Reference, updated_at AS UpdatedAt FROM resident_conversations WHERE resident_id = @residentId";

    internal const string Delete = "DELETE FROM resident_conversations WHERE resident_id = @residentId";

    // A conversation marked inactive goes with the reference: it names the resident's channel conversation.
    internal const string DeleteInactiveMark = "DELETE FROM inactive_conversations WHERE channel_id = @channelId AND conversation_id = @conversationId";

    private static readonly JsonSerializerSettings Json = new() { NullValueHandling = NullValueHandling.Ignore };

    /// <inheritdoc />
    public string Name => "conversation";

    /// <summary>
    /// Remembers (or replaces) how to reach the resident; writes only when that changed. Inside a turn the write is
    /// left to the turn's end (<see cref="TurnWrites"/>).
    /// </summary>
    public async Task RememberAsync(string residentId, ConversationReference reference, CancellationToken cancellationToken)
    {
        var fresh = Serialize(reference);
        if (await database.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<string>(Select, new { residentId }), cancellationToken) == fresh)
        {
            return;
        }

        // Inside a turn it goes with the turn's own commit at its end, before the reply that promises news is sent.
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await TurnWrites.DeferAsync(database, (connection, transaction) => connection.ExecuteAsync(database.Pick(SqliteUpsert, SqlServerUpsert),
            new { residentId, reference = fresh, now }, transaction), cancellationToken);
    }

    /// <summary>
    /// The resident talks to the bot: when the bot remembers how to reach them and this conversation differs (a new
    /// conversation, another service URL or language), it remembers this one. True when it changed. A read first: on
    /// most turns nothing changed, and a write would cost a commit per turn.
    /// </summary>
    public async Task<bool> RefreshAsync(string residentId, ConversationReference current, CancellationToken cancellationToken)
    {
        var stored = await database.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<string>(Select, new { residentId }), cancellationToken);
        var fresh = Serialize(current);
        if (stored is null || stored == fresh)
        {
            return false;
        }

        return await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(UpdateIfChanged,
            new { residentId, reference = fresh, now = clock.GetUtcNow().ToUnixTimeMilliseconds() }, transaction), cancellationToken) > 0;
    }

    /// <summary>How to reach the resident, or null when the bot never needed to remember it (or it was erased).</summary>
    public async Task<ConversationReference?> FindAsync(string residentId, CancellationToken cancellationToken)
    {
        var json = await database.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<string>(Select, new { residentId }), cancellationToken);
        return json is null ? null : JsonConvert.DeserializeObject<ConversationReference>(json);
    }

    /// <inheritdoc />
    public async Task<object?> ExportAsync(DbConnection connection, string residentId, CancellationToken cancellationToken)
    {
        var rows = (await connection.QueryAsync<(string Reference, long UpdatedAt)>(SelectWithTime, new { residentId })).ToList();
        if (rows.Count == 0 || JsonConvert.DeserializeObject<ConversationReference>(rows[0].Reference) is not { } reference)
        {
            return null;
        }

        var found = rows[0];

        return new ExportedConversation(reference.ChannelId, reference.Conversation?.Id, reference.ServiceUrl, reference.Locale, DateTimeOffset.FromUnixTimeMilliseconds(found.UpdatedAt));
    }

    /// <inheritdoc />
    public async Task<int> EraseAsync(DbConnection connection, DbTransaction transaction, string residentId, CancellationToken cancellationToken)
    {
        var json = await connection.QuerySingleOrDefaultAsync<string>(Select, new { residentId }, transaction);
        if (json is not null && JsonConvert.DeserializeObject<ConversationReference>(json) is { ChannelId: { } channelId, Conversation.Id: { } conversationId })
        {
            await connection.ExecuteAsync(DeleteInactiveMark, new { channelId, conversationId }, transaction);
        }

        return await connection.ExecuteAsync(Delete, new { residentId }, transaction);
    }

    /// <summary>The reference as stored: without the id of the activity it came from, which changes every turn.</summary>
    private static string Serialize(ConversationReference reference)
    {
        var copy = JsonConvert.DeserializeObject<ConversationReference>(JsonConvert.SerializeObject(reference, Json))!;
        copy.ActivityId = null;
        return JsonConvert.SerializeObject(copy, Json);
    }

    /// <summary>The resident's conversation as their export shows it.</summary>
    public sealed record ExportedConversation(string? Channel, string? ConversationId, string? ServiceUrl, string? Locale, DateTimeOffset RememberedAt);
}
