using System.Security.Cryptography;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.Adapter;
using VeerkrachtBot.Bot.Routing;

namespace VeerkrachtBot.Bot.DirectLine;

/// <summary>
/// The local Direct Line's behaviour behind its HTTP endpoints: creating and starting conversations, taking
/// a client's activity into the transcript and through the bot (the same adapter and bot as
/// <c>/api/messages</c>), and taking the bot's replies from the connector endpoint into the transcript.
/// </summary>
public sealed class DirectLineService(
    TranscriptStore transcripts,
    TranscriptSignals signals,
    DirectLineTokens tokens,
    LocalServiceUrl serviceUrl,
    VeerkrachtAdapter adapter,
    IBot bot,
    TimeProvider clock,
    IOptions<BotOptions> botOptions,
    IOptions<DirectLineOptions> options)
{
    public const string ChannelId = "directline";

    /// <summary>Largest client activity kept in a transcript besides its text (which is cut at the message limit); the bot itself reads the whole activity.</summary>
    public const int MaxStoredActivityChars = 16 * 1024;

    /// <summary>Longest <c>channelData.clientActivityID</c> (Web Chat's are about 20 characters); it is kept with the activity.</summary>
    public const int MaxClientActivityIdLength = 200;

    /// <summary>What a transcript keeps of a client's activity: what Web Chat shows and matches its echo by, nothing else.</summary>
    private static readonly string[] Stored =
        ["type", "id", "timestamp", "channelId", "from", "recipient", "conversation", "text", "textFormat", "locale", "name", "value", "attachments", "entities", "channelData"];

    /// <summary>Optional parts of a stored activity, dropped in this order while it is too large.</summary>
    private static readonly string[] DroppedWhenLarge = ["attachments", "entities", "value", "channelData"];

    /// <summary>Client activity types the local Direct Line accepts, as Azure's does.</summary>
    private static readonly HashSet<string> ClientTypes = new(StringComparer.Ordinal) { ActivityTypes.Message, ActivityTypes.Event, ActivityTypes.Typing, ActivityTypes.Invoke };

    private static readonly JsonSerializerSettings Json = new() { NullValueHandling = NullValueHandling.Ignore, TypeNameHandling = TypeNameHandling.None };

    public ChannelAccount BotAccount => new(id: "veerkrachtbot", name: botOptions.Value.Name, role: RoleTypes.Bot);

    /// <summary>Creates a conversation for a user (a new random user when <paramref name="userId"/> is null).</summary>
    public async Task<(DirectLineConversation Conversation, string Token)> CreateConversationAsync(string? userId, string? locale, CancellationToken cancellationToken)
    {
        var conversation = new DirectLineConversation(NewId(), userId, locale);
        await transcripts.CreateAsync(conversation, cancellationToken);
        var token = await tokens.IssueConversationTokenAsync(new DirectLineGrant(conversation.Id, userId), cancellationToken);
        return (conversation, token);
    }

    public static string NewUserId() => "dl_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// Starts the conversation once: the bot gets a conversationUpdate with the user (and itself) added, which is
    /// when it says welcome. Starting again (a reconnecting client) does nothing.
    /// </summary>
    public async Task StartAsync(DirectLineConversation conversation, CancellationToken cancellationToken)
    {
        if (!await transcripts.TryMarkStartedAsync(conversation.Id, cancellationToken))
        {
            return;
        }

        var members = new List<ChannelAccount> { BotAccount };
        if (conversation.UserId is not null)
        {
            members.Add(new ChannelAccount(conversation.UserId, role: RoleTypes.User));
        }

        var update = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            Id = Guid.NewGuid().ToString("N"),
            MembersAdded = members,
            From = members[^1],
        };
        await RunThroughBotAsync(conversation, update, cancellationToken);
    }

    /// <summary>Validates, stores and processes a client's activity. Returns its id, or an error for the client.</summary>
    public async Task<(string? Id, DirectLineError? Error)> PostFromClientAsync(DirectLineConversation conversation, DirectLineGrant? grant, Activity activity, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(activity.Type) || !ClientTypes.Contains(activity.Type))
        {
            return (null, DirectLineError.BadArgument($"Activity type '{Truncate(activity.Type)}' cannot be sent by a client; use message, event, typing or invoke."));
        }

        // A bound token decides who the sender is; a client cannot post as someone else.
        var userId = grant?.UserId ?? conversation.UserId ?? activity.From?.Id;
        if (string.IsNullOrWhiteSpace(userId))
        {
            return (null, DirectLineError.BadArgument("The activity needs 'from.id'."));
        }

        if (activity.ChannelData is JObject channelData && channelData["clientActivityID"] is { Type: not (JTokenType.String or JTokenType.Null) })
        {
            return (null, DirectLineError.BadArgument("'channelData.clientActivityID' must be a string."));
        }

        var clientActivityId = (activity.ChannelData as JObject)?.Value<string>("clientActivityID");
        if (clientActivityId?.Length > MaxClientActivityIdLength)
        {
            return (null, DirectLineError.BadArgument($"'channelData.clientActivityID' must be at most {MaxClientActivityIdLength} characters."));
        }

        activity.From = new ChannelAccount(userId, Truncate(activity.From?.Name, 100), role: RoleTypes.User);
        IncomingActivity.Normalize(activity);
        activity.Recipient = BotAccount;
        activity.Conversation = new ConversationAccount(id: conversation.Id);
        activity.ChannelId = ChannelId;
        activity.Timestamp = clock.GetUtcNow();
        activity.Locale ??= conversation.Locale;
        activity.ServiceUrl = null;
        activity.ReplyToId = null;
        if (TranscriptJson(activity, botOptions.Value.MaxMessageLength) is not { } stored)
        {
            return (null, new DirectLineError(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig",
                $"Even without its attachments, entities, value and channel data the activity is larger than {MaxStoredActivityChars} characters besides its text."));
        }

        var appended = await transcripts.AppendAsync(conversation.Id, stored, clientActivityId, options.Value.MaxTranscriptCharsPerConversation, cancellationToken);
        if (appended.Full)
        {
            return (null, new DirectLineError(StatusCodes.Status413PayloadTooLarge, "ConversationTooLarge", "This conversation is full; please start a new one."));
        }

        var id = ActivityId(conversation.Id, appended.Sequence);
        if (appended.Duplicate)
        {
            return (id, null);
        }

        signals.Notify(conversation.Id);
        activity.Id = id;
        await RunThroughBotAsync(conversation, activity, cancellationToken);
        return (id, null);
    }

    /// <summary>
    /// Stores an activity the bot sent through the connector endpoint and returns its id. The bot's replies come without
    /// an id; a message the bot starts carries its outbox id, and the same one again (sent again after a crash before
    /// its result was recorded) is the same activity: stored once.
    /// </summary>
    public async Task<string> AcceptFromBotAsync(string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        var botActivityId = string.IsNullOrEmpty(activity.Id) || activity.Id.Length > 100 ? null : "bot:" + activity.Id;
        activity.Timestamp = clock.GetUtcNow();
        activity.ServiceUrl = null;
        activity.ChannelId = ChannelId;
        activity.Conversation = new ConversationAccount(id: conversationId);
        activity.Id = null;
        var (sequence, duplicate, _) = await transcripts.AppendAsync(conversationId, Serialize(activity), botActivityId, maxChars: null, cancellationToken);
        if (!duplicate)
        {
            signals.Notify(conversationId);
        }

        return ActivityId(conversationId, sequence);
    }

    /// <summary>The client-facing JSON of stored activities: the stored activity plus its id.</summary>
    public static string ToClientJson(string conversationId, TranscriptEntry entry)
    {
        var activity = Messages.JsonText.ParseObject(entry.ActivityJson);
        activity["id"] = ActivityId(conversationId, entry.Sequence);
        return activity.ToString(Formatting.None);
    }

    public static string Serialize(Activity activity) => JsonConvert.SerializeObject(activity, Json);

    /// <summary>
    /// A client's activity as its transcript keeps it: the text cut at the message limit (the bot reads no more of
    /// it either), and at most <see cref="MaxStoredActivityChars"/> besides, so that posts of megabytes cannot fill the
    /// disk. Null when the activity is still larger after its optional parts were dropped: it is not stored at all.
    /// </summary>
    internal static string? TranscriptJson(Activity activity, int maxTextLength)
    {
        var full = JObject.FromObject(activity, JsonSerializer.Create(Json));
        var stored = new JObject();
        foreach (var name in Stored)
        {
            if (full[name] is { } value)
            {
                stored[name] = value;
            }
        }

        if (stored["text"] is JValue { Value: string text } && text.Length > maxTextLength)
        {
            var cut = char.IsHighSurrogate(text[maxTextLength - 1]) ? maxTextLength - 1 : maxTextLength;
            stored["text"] = text[..cut] + "…";
        }

        foreach (var name in new[] { "textFormat", "locale", "name" })
        {
            if (stored[name] is JValue { Value: string value } && value.Length > 100)
            {
                stored.Remove(name);
            }
        }

        var bound = MaxStoredActivityChars + maxTextLength;
        foreach (var name in DroppedWhenLarge)
        {
            if (stored.ToString(Formatting.None).Length <= bound)
            {
                break;
            }

            // Web Chat recognises its own message by the client activity id: that stays (PostFromClientAsync bounds it).
            stored[name] = name == "channelData" && full.SelectToken("channelData.clientActivityID") is JValue id ? new JObject { ["clientActivityID"] = id } : null;
            if (stored[name] is null || stored[name]!.Type == JTokenType.Null)
            {
                stored.Remove(name);
            }
        }

        var json = stored.ToString(Formatting.None);
        return json.Length <= bound ? json : null;
    }

    private async Task RunThroughBotAsync(DirectLineConversation conversation, Activity activity, CancellationToken cancellationToken)
    {
        activity.ChannelId = ChannelId;
        activity.ServiceUrl = serviceUrl.Value;
        activity.Conversation ??= new ConversationAccount(id: conversation.Id);
        activity.Recipient ??= BotAccount;
        activity.Timestamp ??= clock.GetUtcNow();
        activity.Locale ??= conversation.Locale;
        // Local Direct Line runs only with Bot Framework authentication off (see DirectLineOptions), so the
        // adapter accepts the turn without an auth header, as it does for /api/messages in that mode.
        await adapter.ProcessValidatedAsync(string.Empty, activity, bot, cancellationToken);
    }

    private static string ActivityId(string conversationId, long sequence) => $"{conversationId}|{sequence:D7}";

    private static string NewId() => Base64UrlEncode(RandomNumberGenerator.GetBytes(18));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? Truncate(string? value, int max = 40) => value is null || value.Length <= max ? value : value[..max];
}

/// <summary>A Direct Line error body: <c>{"error": {"code", "message"}}</c> as Azure's Direct Line sends it.</summary>
public sealed record DirectLineError(int Status, string Code, string Message)
{
    public static DirectLineError BadArgument(string message) => new(StatusCodes.Status400BadRequest, "BadArgument", message);

    public IResult ToResult() => Results.Json(new { error = new { code = Code, message = Message } }, statusCode: Status);
}
