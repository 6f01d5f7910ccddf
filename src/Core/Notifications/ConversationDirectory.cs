using Dapper;
using VeerkrachtBot.Core.Storage;
using VeerkrachtBot.Core.Teams;

namespace VeerkrachtBot.Core.Notifications;

/// <summary>Finds the stored conversation a notification for a conversation or a Teams user goes to.</summary>
public sealed class ConversationDirectory(IDatabase database)
{
    private const string Columns = """
        id AS Id, channel_id AS ChannelId, conversation_id AS ConversationId, service_url AS ServiceUrl, tenant_id AS TenantId,
        bot_id AS BotId, user_id AS UserId, aad_object_id AS AadObjectId, conversation_type AS ConversationType
        """;

    internal const string SelectById = "SELECT " + Columns + " FROM conversation_references WHERE id = @id";

    internal const string SelectOfUser = "SELECT " + Columns + " FROM conversation_references WHERE aad_object_id = @aadObjectId ORDER BY updated_at DESC, id";

    /// <summary>The stored conversation with this id, or null (never stored, or removed when the bot was uninstalled).</summary>
    public async Task<StoredConversation?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        (await database.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<Row>(SelectById, new { id }), cancellationToken).ConfigureAwait(false))?.ToRecord();

    /// <summary>
    /// Where to write to a Teams user: their personal chat with the bot when it is stored; otherwise (null personal chat)
    /// the most recent stored conversation they were seen in, whose tenant and service URL a new personal chat is created
    /// with. Both null when the bot never saw them.
    /// </summary>
    public async Task<(StoredConversation? Personal, StoredConversation? SeenIn)> OfTeamsUserAsync(string aadObjectId, CancellationToken cancellationToken = default)
    {
        var rows = (await database.ReadAsync(connection => connection.QueryAsync<Row>(SelectOfUser, new { aadObjectId }), cancellationToken).ConfigureAwait(false))
            .Select(r => r.ToRecord()).ToList();
        return (rows.FirstOrDefault(r => r.ConversationType == "personal"), rows.FirstOrDefault());
    }

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string ChannelId { get; set; } = "";
        public string ConversationId { get; set; } = "";
        public string ServiceUrl { get; set; } = "";
        public string? TenantId { get; set; }
        public string BotId { get; set; } = "";
        public string? UserId { get; set; }
        public string? AadObjectId { get; set; }
        public string? ConversationType { get; set; }

        public StoredConversation ToRecord() => new(Id, ChannelId, ConversationId, ServiceUrl, TenantId, BotId, UserId, AadObjectId, ConversationType);
    }
}
