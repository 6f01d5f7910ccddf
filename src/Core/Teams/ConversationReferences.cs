using Dapper;
using VeerkrachtBot.Core.Audit;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Teams;

/// <summary>
/// Just enough of a channel conversation to send to it later (a digest to a Teams channel or chat). Channel
/// neutral: the Bot turns it into a Bot Framework ConversationReference. <c>TeamId</c> is the Teams team a channel
/// belongs to (its column comes with the professionals' migrations), so an uninstall from the team removes every channel.
/// </summary>
public sealed record StoredConversation(
    string Id,
    string ChannelId,
    string ConversationId,
    string ServiceUrl,
    string? TenantId,
    string BotId,
    string? UserId,
    string? AadObjectId,
    string? ConversationType,
    string? TeamId = null);

/// <summary>A Teams conversation that wants the digest of a neighbourhood (all themes, or one).</summary>
public sealed record TeamsSubscription(string Id, string ConversationReferenceId, string NeighbourhoodId, string ThemeId, string CreatedBy, DateTimeOffset CreatedAt)
{
    /// <summary>The theme id that means "all themes".</summary>
    public const string AllThemes = "*";
}

/// <summary>Storage of conversation references (installs) and digest subscriptions.</summary>
public interface ITeamsStore
{
    /// <summary>Stores or refreshes the reference for a (channel, conversation); returns its id.</summary>
    Task<string> SaveConversationAsync(StoredConversation conversation, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Removes a conversation (the bot was uninstalled) and its subscriptions.</summary>
    Task RemoveConversationAsync(string channelId, string conversationId, CancellationToken cancellationToken = default);

    /// <summary>The stored reference, or null.</summary>
    Task<StoredConversation?> FindConversationAsync(string channelId, string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Subscribes a conversation to a neighbourhood's digest (idempotent); the audit entry, when given, is written in the same transaction.</summary>
    Task SubscribeAsync(TeamsSubscription subscription, AuditEntry? audit = null, CancellationToken cancellationToken = default);

    /// <summary>Ends a subscription; the audit entry, when given, is written in the same transaction.</summary>
    Task UnsubscribeAsync(string conversationReferenceId, string neighbourhoodId, string themeId, AuditEntry? audit = null, CancellationToken cancellationToken = default);

    /// <summary>Where a neighbourhood's digest goes, with the subscribed theme.</summary>
    Task<IReadOnlyList<(StoredConversation Conversation, string ThemeId)>> SubscribersAsync(string neighbourhoodId, CancellationToken cancellationToken = default);

    /// <summary>Removes every conversation of a team (the bot was uninstalled from it) and their subscriptions.</summary>
    Task RemoveTeamAsync(string channelId, string teamId, CancellationToken cancellationToken = default);

    /// <summary>What one conversation follows: (neighbourhood, theme) pairs.</summary>
    Task<IReadOnlyList<(string NeighbourhoodId, string ThemeId)>> SubscriptionsOfAsync(string conversationReferenceId, CancellationToken cancellationToken = default);
}

/// <summary><see cref="ITeamsStore"/> on the shared database.</summary>
public sealed class SqlTeamsStore(IDatabase database) : ITeamsStore
{
    private const string ReferenceColumns = """
        r.id AS Id, r.channel_id AS ChannelId, r.conversation_id AS ConversationId, r.service_url AS ServiceUrl, r.tenant_id AS TenantId,
        r.bot_id AS BotId, r.user_id AS UserId, r.aad_object_id AS AadObjectId, r.conversation_type AS ConversationType, r.team_id AS TeamId
        """;

    internal const string UpdateReference = """
        UPDATE conversation_references SET service_url = @ServiceUrl, tenant_id = @TenantId, bot_id = @BotId, user_id = @UserId,
            aad_object_id = @AadObjectId, conversation_type = @ConversationType, team_id = @TeamId, updated_at = @Now
        WHERE channel_id = @ChannelId AND conversation_id = @ConversationId
        """;

    internal const string InsertReference = """
        INSERT INTO conversation_references (id, channel_id, conversation_id, service_url, tenant_id, bot_id, user_id, aad_object_id, conversation_type, team_id, created_at, updated_at)
        VALUES (@Id, @ChannelId, @ConversationId, @ServiceUrl, @TenantId, @BotId, @UserId, @AadObjectId, @ConversationType, @TeamId, @Now, @Now)
        """;

    internal const string SelectReference = "SELECT " + ReferenceColumns + " FROM conversation_references r WHERE r.channel_id = @channelId AND r.conversation_id = @conversationId";

    internal const string SqlServerSelectReferenceForUpdate = "SELECT " + ReferenceColumns + " FROM conversation_references r WITH (UPDLOCK, HOLDLOCK) WHERE r.channel_id = @channelId AND r.conversation_id = @conversationId";

    internal const string DeleteSubscriptionsOfReference = """
        DELETE FROM teams_subscriptions WHERE conversation_reference_id IN
            (SELECT id FROM conversation_references WHERE channel_id = @channelId AND conversation_id = @conversationId)
        """;

    internal const string DeleteReference = "DELETE FROM conversation_references WHERE channel_id = @channelId AND conversation_id = @conversationId";

    internal const string DeleteSubscriptionsOfTeam = """
        DELETE FROM teams_subscriptions WHERE conversation_reference_id IN
            (SELECT id FROM conversation_references WHERE channel_id = @channelId AND team_id = @teamId)
        """;

    internal const string DeleteReferencesOfTeam = "DELETE FROM conversation_references WHERE channel_id = @channelId AND team_id = @teamId";

    internal const string SelectSubscriptionsOf = "SELECT neighbourhood_id AS NeighbourhoodId, theme_id AS ThemeId FROM teams_subscriptions WHERE conversation_reference_id = @conversationReferenceId ORDER BY neighbourhood_id, theme_id";

    internal const string SqliteInsertSubscription = """
        INSERT INTO teams_subscriptions (id, conversation_reference_id, neighbourhood_id, theme_id, created_by, created_at)
        VALUES (@Id, @ConversationReferenceId, @NeighbourhoodId, @ThemeId, @CreatedBy, @CreatedAt)
        ON CONFLICT (conversation_reference_id, neighbourhood_id, theme_id) DO NOTHING
        """;

    // The key-range lock makes a second, simultaneous subscribe wait and then find the first one's row: idempotent,
    // where a bare NOT EXISTS under read committed lets both insert and the second fail on the unique constraint.
    internal const string SqlServerInsertSubscription = """
        INSERT INTO teams_subscriptions (id, conversation_reference_id, neighbourhood_id, theme_id, created_by, created_at)
        SELECT @Id, @ConversationReferenceId, @NeighbourhoodId, @ThemeId, @CreatedBy, @CreatedAt
        WHERE NOT EXISTS (SELECT 1 FROM teams_subscriptions WITH (UPDLOCK, HOLDLOCK) WHERE conversation_reference_id = @ConversationReferenceId
                          AND neighbourhood_id = @NeighbourhoodId AND theme_id = @ThemeId)
        """;

    internal const string DeleteSubscription = """
        DELETE FROM teams_subscriptions WHERE conversation_reference_id = @conversationReferenceId AND neighbourhood_id = @neighbourhoodId AND theme_id = @themeId
        """;

    internal const string SelectSubscribers = "SELECT " + ReferenceColumns + ", s.theme_id AS ThemeId FROM teams_subscriptions s JOIN conversation_references r ON r.id = s.conversation_reference_id WHERE s.neighbourhood_id = @neighbourhoodId ORDER BY r.id, s.theme_id";

    /// <inheritdoc />
    public Task<string> SaveConversationAsync(StoredConversation conversation, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var existing = await connection.QuerySingleOrDefaultAsync<StoredConversationRow>(database.Pick(SelectReference, SqlServerSelectReferenceForUpdate),
                new { channelId = conversation.ChannelId, conversationId = conversation.ConversationId }, transaction).ConfigureAwait(false);
            var row = new
            {
                Id = existing?.Id ?? conversation.Id, conversation.ChannelId, conversation.ConversationId, conversation.ServiceUrl, conversation.TenantId,
                conversation.BotId, conversation.UserId, conversation.AadObjectId, conversation.ConversationType, conversation.TeamId, Now = now.Ms(),
            };
            await connection.ExecuteAsync(existing is null ? InsertReference : UpdateReference, row, transaction).ConfigureAwait(false);
            return row.Id;
        }, cancellationToken);

    /// <inheritdoc />
    public Task RemoveConversationAsync(string channelId, string conversationId, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(DeleteSubscriptionsOfReference, new { channelId, conversationId }, transaction).ConfigureAwait(false);
            await connection.ExecuteAsync(DeleteReference, new { channelId, conversationId }, transaction).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<StoredConversation?> FindConversationAsync(string channelId, string conversationId, CancellationToken cancellationToken = default) =>
        (await database.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<StoredConversationRow>(SelectReference, new { channelId, conversationId }), cancellationToken).ConfigureAwait(false))?.ToRecord();

    /// <inheritdoc />
    public Task SubscribeAsync(TeamsSubscription subscription, AuditEntry? audit = null, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(database.Pick(SqliteInsertSubscription, SqlServerInsertSubscription), new
            {
                subscription.Id, subscription.ConversationReferenceId, subscription.NeighbourhoodId, subscription.ThemeId, subscription.CreatedBy,
                CreatedAt = subscription.CreatedAt.Ms(),
            }, transaction).ConfigureAwait(false);
            if (audit is not null)
            {
                await SqlAuditLog.AppendAsync(connection, transaction, audit).ConfigureAwait(false);
            }
        }, cancellationToken);

    /// <inheritdoc />
    public Task UnsubscribeAsync(string conversationReferenceId, string neighbourhoodId, string themeId, AuditEntry? audit = null, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(DeleteSubscription, new { conversationReferenceId, neighbourhoodId, themeId }, transaction).ConfigureAwait(false);
            if (audit is not null)
            {
                await SqlAuditLog.AppendAsync(connection, transaction, audit).ConfigureAwait(false);
            }
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<(StoredConversation Conversation, string ThemeId)>> SubscribersAsync(string neighbourhoodId, CancellationToken cancellationToken = default)
    {
        var rows = await database.ReadAsync(connection => connection.QueryAsync<StoredConversationRow>(SelectSubscribers, new { neighbourhoodId }), cancellationToken).ConfigureAwait(false);
        return rows.Select(r => (r.ToRecord(), r.ThemeId ?? TeamsSubscription.AllThemes)).ToList();
    }

    /// <inheritdoc />
    public Task RemoveTeamAsync(string channelId, string teamId, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(DeleteSubscriptionsOfTeam, new { channelId, teamId }, transaction).ConfigureAwait(false);
            await connection.ExecuteAsync(DeleteReferencesOfTeam, new { channelId, teamId }, transaction).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<(string NeighbourhoodId, string ThemeId)>> SubscriptionsOfAsync(string conversationReferenceId, CancellationToken cancellationToken = default) =>
        (await database.ReadAsync(connection => connection.QueryAsync<(string NeighbourhoodId, string ThemeId)>(SelectSubscriptionsOf, new { conversationReferenceId }), cancellationToken)
            .ConfigureAwait(false)).ToList();

    private sealed class StoredConversationRow
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
        public string? TeamId { get; set; }
        public string? ThemeId { get; set; }

        public StoredConversation ToRecord() => new(Id, ChannelId, ConversationId, ServiceUrl, TenantId, BotId, UserId, AadObjectId, ConversationType, TeamId);
    }
}
