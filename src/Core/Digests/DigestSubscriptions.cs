using Dapper;
using VeerkrachtBot.Core.Audit;
using VeerkrachtBot.Core.Storage;
using VeerkrachtBot.Core.Teams;

namespace VeerkrachtBot.Core.Digests;

/// <summary>Which scheduled digests a subscription gets.</summary>
public enum DigestFrequency
{
    /// <summary>The weekly digest only (the default).</summary>
    Weekly,

    /// <summary>The monthly digest only.</summary>
    Monthly,

    /// <summary>The weekly and the monthly digest.</summary>
    Both,
}

/// <summary>What one Teams conversation follows, with the digests it gets for it.</summary>
/// <param name="NeighbourhoodId">The neighbourhood.</param>
/// <param name="ThemeId">The theme, or <see cref="TeamsSubscription.AllThemes"/>.</param>
/// <param name="Frequency">Weekly, monthly or both.</param>
public sealed record DigestFollow(string NeighbourhoodId, string ThemeId, DigestFrequency Frequency);

/// <summary>
/// The digest side of a Teams subscription: how often its digest comes (<c>teams_subscriptions.digest_frequency</c>,
/// added by <see cref="DigestMigrations"/>). Subscribing with a frequency writes the subscription, its frequency and
/// the audit entry in one transaction; subscribing again changes the frequency.
/// </summary>
public sealed class DigestSubscriptions(IDatabase database)
{
    internal const string UpdateFrequency = """
        UPDATE teams_subscriptions SET digest_frequency = @frequency
        WHERE conversation_reference_id = @conversationReferenceId AND neighbourhood_id = @neighbourhoodId AND theme_id = @themeId
        """;

    internal const string SelectFollows = """
        SELECT neighbourhood_id AS NeighbourhoodId, theme_id AS ThemeId, digest_frequency AS Frequency FROM teams_subscriptions
        WHERE conversation_reference_id = @conversationReferenceId ORDER BY neighbourhood_id, theme_id
        """;

    /// <summary>Subscribes (or changes an existing subscription's frequency); the audit entry is written in the same transaction.</summary>
    public Task SubscribeAsync(TeamsSubscription subscription, DigestFrequency frequency, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(frequency))
        {
            throw new RuleViolation(RuleCode.InvalidInput, "A digest comes weekly, monthly or both.");
        }

        return database.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(database.Pick(SqlTeamsStore.SqliteInsertSubscription, SqlTeamsStore.SqlServerInsertSubscription), new
            {
                subscription.Id, subscription.ConversationReferenceId, subscription.NeighbourhoodId, subscription.ThemeId, subscription.CreatedBy,
                CreatedAt = subscription.CreatedAt.Ms(),
            }, transaction).ConfigureAwait(false);
            await connection.ExecuteAsync(UpdateFrequency, new
            {
                frequency = frequency.ToString(),
                conversationReferenceId = subscription.ConversationReferenceId,
                neighbourhoodId = subscription.NeighbourhoodId,
                themeId = subscription.ThemeId,
            }, transaction).ConfigureAwait(false);
            await SqlAuditLog.AppendAsync(connection, transaction, audit).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>What the conversation follows, with each subscription's frequency.</summary>
    public async Task<IReadOnlyList<DigestFollow>> FollowsAsync(string conversationReferenceId, CancellationToken cancellationToken = default) =>
        (await database.ReadAsync(connection => connection.QueryAsync<(string NeighbourhoodId, string ThemeId, string Frequency)>(SelectFollows, new { conversationReferenceId }), cancellationToken)
            .ConfigureAwait(false))
        .Select(r => new DigestFollow(r.NeighbourhoodId, r.ThemeId, Enum.TryParse<DigestFrequency>(r.Frequency, out var f) ? f : DigestFrequency.Weekly))
        .ToList();

    /// <summary>The stored frequencies that get the digest of <paramref name="kind"/>.</summary>
    public static string[] FrequenciesOf(DigestPeriodKind kind) => kind == DigestPeriodKind.Month
        ? [nameof(DigestFrequency.Monthly), nameof(DigestFrequency.Both)]
        : [nameof(DigestFrequency.Weekly), nameof(DigestFrequency.Both)];
}
