using Dapper;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using VeerkrachtBot.Bot.Adapter;
using VeerkrachtBot.Bot.Conversations;
using VeerkrachtBot.Bot.DirectLine;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Residents;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot.Meetings;

/// <summary>
/// Tells a resident who moves up from a waiting list that they now have a place. The bot remembers how to
/// reach a resident (their conversation reference) when they join a waiting list, in the database so any
/// instance can send it, and forgets it when they erase their data.
/// </summary>
public sealed class WaitingListNotices(IDatabase database, VeerkrachtAdapter adapter, IResidentStore residents, IConfiguration configuration,
    LocalServiceUrl localServiceUrl, TimeProvider clock, ILogger<WaitingListNotices> logger)
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

    internal const string Select = "SELECT reference FROM resident_conversations WHERE resident_id = @residentId";

    internal const string Delete = "DELETE FROM resident_conversations WHERE resident_id = @residentId";

    public Task RememberAsync(string residentId, ConversationReference reference, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(database.Pick(SqliteUpsert, SqlServerUpsert),
            new { residentId, reference = JsonConvert.SerializeObject(reference), now = clock.GetUtcNow().ToUnixTimeMilliseconds() }, transaction), cancellationToken);

    public Task ForgetAsync(string residentId, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(Delete, new { residentId }, transaction), cancellationToken);

    /// <summary>Sends each promoted resident a message in their language. A resident who cannot be reached sees it under "Bijeenkomsten".</summary>
    public async Task NotifyAsync(Meeting meeting, IReadOnlyList<Rsvp> promoted, CancellationToken cancellationToken)
    {
        foreach (var rsvp in promoted)
        {
            var json = await database.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<string>(Select, new { residentId = rsvp.ResidentId }), cancellationToken);

            if (json is null || JsonConvert.DeserializeObject<ConversationReference>(json) is not { } reference)
            {
                continue;
            }

            // A web chat conversation's transcript is in the shared database: whichever instance sends the notice
            // delivers it through its own local connector (the one its key is for), not the one that stored the reference.
            if (reference.ChannelId == DirectLineService.ChannelId)
            {
                reference.ServiceUrl = localServiceUrl.Value;
            }

            var resident = await residents.FindAsync(rsvp.ResidentId, cancellationToken);
            var texts = BotTexts.For(resident?.Language ?? ResidentLanguage.Dutch);
            var text = texts.Format(texts.Meetings.Promoted, meeting.Title, Dates.Range(texts, meeting.StartsAt, meeting.EndsAt), texts.PartyOf(rsvp.PartySize));
            try
            {
                await adapter.ContinueConversationAsync(configuration["MicrosoftAppId"] ?? "", reference,
                    (turn, token) => turn.SendActivityAsync(Replies.Text(texts, text), token), cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or Microsoft.Rest.HttpOperationException or Microsoft.Rest.RestException or IOException or TaskCanceledException)
            {
                // The place is theirs either way; the meetings list shows it the next time they look.
                logger.LogWarning(ex, "Could not tell a resident they moved up from the waiting list of meeting {MeetingId}", meeting.Id);
            }
        }
    }
}
