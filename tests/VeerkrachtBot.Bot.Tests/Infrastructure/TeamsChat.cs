using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace VeerkrachtBot.Bot.Tests.Infrastructure;

/// <summary>Where in Teams a conversation is.</summary>
public enum TeamsScope
{
    Personal,
    Channel,
    GroupChat,
}

/// <summary>
/// A professional in Microsoft Teams talking to the bot over real HTTP, with the payload shapes Teams sends:
/// a tenant-specific service URL (".../emea/&lt;tenant&gt;/", here under the loopback connector), <c>29:</c> user ids
/// with <c>aadObjectId</c>, the <c>28:</c> bot id, <c>conversation.tenantId</c> and <c>channelData.tenant</c>
/// (<c>team</c>/<c>channel</c> in a team), <c>a:</c> personal and <c>19:…@thread.tacv2;messageid=…</c> channel
/// conversation ids, <c>&lt;at&gt;</c> mentions with their entity, and card submits as a message with empty text,
/// <c>value</c> = the inputs merged with the button's data and <c>replyToId</c> = the card's id.
/// </summary>
public sealed class TeamsChat
{
    public const string BotAppId = "3d4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7";
    public const string BotName = "VeerkrachtBot";

    private readonly HttpClient _client;
    private readonly LoopbackConnector _connector;
    private readonly string _locale;
    private int _seen;

    public TeamsChat(HttpClient client, LoopbackConnector connector, string tenantId, string aadObjectId, TeamsScope scope = TeamsScope.Personal, string locale = "nl-NL", string? teamId = null)
    {
        _client = client;
        _connector = connector;
        _locale = locale;
        TenantId = tenantId;
        AadObjectId = aadObjectId;
        Scope = scope;
        var random = Guid.NewGuid().ToString("N");
        TeamId = scope == TeamsScope.Channel ? teamId ?? $"19:team{random}@thread.tacv2" : null;
        ConversationId = scope switch
        {
            TeamsScope.Personal => "a:1" + random + random,
            TeamsScope.Channel => TeamId!,
            _ => $"19:group{random}@thread.v2",
        };
        UserId = "29:1" + Guid.NewGuid().ToString("N") + "x";
    }

    public string TenantId { get; }

    public string AadObjectId { get; }

    public TeamsScope Scope { get; }

    public string? TeamId { get; }

    /// <summary>The chat, or the channel (the General channel's id is the team's).</summary>
    public string ConversationId { get; }

    public string UserId { get; }

    public string ServiceUrl => _connector.ServiceUrl + "emea/" + TenantId + "/";

    public static string BotId => "28:" + BotAppId;

    /// <summary>Every message the bot sent into this chat or channel (channel threads included), in order.</summary>
    public IReadOnlyList<Activity> All => _connector.All.Where(r => r.Activity.Conversation?.Id?.StartsWith(ConversationId, StringComparison.Ordinal) == true)
        .Select(r => r.Activity).Where(a => a.Type == ActivityTypes.Message).ToList();

    /// <summary>The card updates (PUT) the bot made in this chat or channel.</summary>
    public IReadOnlyList<Activity> Updates => _connector.Updates.Where(r => r.Activity.Conversation?.Id?.StartsWith(ConversationId, StringComparison.Ordinal) == true)
        .Select(r => r.Activity).ToList();

    /// <summary>The paths the bot used for this chat (relative to the connector).</summary>
    public IReadOnlyList<string> Paths => _connector.All.Where(r => r.Activity.Conversation?.Id?.StartsWith(ConversationId, StringComparison.Ordinal) == true).Select(r => r.Path).ToList();

    public Activity Last => All[^1];

    public Task<HttpResponseMessage> InstallAsync(string action = "add") => PostRawAsync(Base(ActivityTypes.InstallationUpdate, c => c.Action = action));

    public Task<HttpResponseMessage> BotAddedAsync() => PostRawAsync(Base(ActivityTypes.ConversationUpdate, a =>
    {
        a.MembersAdded = [new ChannelAccount(BotId)];
        ((JObject)a.ChannelData)["eventType"] = "teamMemberAdded";
    }));

    public Task<HttpResponseMessage> BotRemovedAsync() => PostRawAsync(Base(ActivityTypes.ConversationUpdate, a =>
    {
        a.MembersRemoved = [new ChannelAccount(BotId)];
        ((JObject)a.ChannelData)["eventType"] = "teamMemberRemoved";
    }));

    /// <summary>Types a message; in a channel (and a group chat) it starts with the @mention of the bot, as Teams requires there.</summary>
    public Task<IReadOnlyList<Activity>> SayAsync(string text) => PostAsync(Base(ActivityTypes.Message, a =>
    {
        if (Scope != TeamsScope.Personal)
        {
            a.Text = $"<at>{BotName}</at> {text}";
            a.Entities = [new Entity("mention") { Properties = JObject.FromObject(new { mentioned = new { id = BotId, name = BotName }, text = $"<at>{BotName}</at>" }) }];
        }
        else
        {
            a.Text = text;
        }

        a.TextFormat = "plain";
    }));

    /// <summary>Clicks a button (Action.Submit) on a card the bot sent, with the form's inputs, as Teams posts it.</summary>
    public Task<IReadOnlyList<Activity>> SubmitAsync(Activity card, string buttonTitle, object? inputs = null)
    {
        var button = ResidentChat.Buttons(card).FirstOrDefault(b => b.Title == buttonTitle);
        if (button.Data is null)
        {
            throw new InvalidOperationException($"The card has no button '{buttonTitle}': {Said.Text(card)}");
        }

        var value = (JObject)button.Data.DeepClone();
        if (inputs is not null)
        {
            value.Merge(inputs as JObject ?? JObject.FromObject(inputs));
        }

        return SubmitValueAsync(card.Id, value);
    }

    /// <summary>Posts a card submit with this value (also data no card of the bot has, as a forger would).</summary>
    public Task<IReadOnlyList<Activity>> SubmitValueAsync(string? cardId, JObject value) => PostAsync(Base(ActivityTypes.Message, a =>
    {
        a.Text = "";
        a.Value = value;
        a.ReplyToId = cardId;
    }));

    /// <summary>Sends an Action.Execute invoke (adaptiveCard/action) and returns the HTTP response with the invoke body.</summary>
    public Task<HttpResponseMessage> ExecuteAsync(string verb, object data, string? cardId) => PostRawAsync(Base(ActivityTypes.Invoke, a =>
    {
        a.Name = "adaptiveCard/action";
        a.ReplyToId = cardId;
        a.Value = JObject.FromObject(new { action = new { type = "Action.Execute", verb, data }, trigger = "automatic" });
    }));

    public Task<HttpResponseMessage> UninstallAsync(string action = "remove") => PostRawAsync(Base(ActivityTypes.InstallationUpdate, a => a.Action = action));

    public async Task<IReadOnlyList<Activity>> PostAsync(Activity activity)
    {
        var response = await PostRawAsync(activity);
        response.EnsureSuccessStatusCode();
        return Fresh();
    }

    public Task<HttpResponseMessage> PostRawAsync(Activity activity) => _client.PostAsync("api/messages", activity);

    /// <summary>Messages that arrived since the last look.</summary>
    public IReadOnlyList<Activity> Fresh()
    {
        var all = All;
        var fresh = all.Skip(_seen).ToList();
        _seen = all.Count;
        return fresh;
    }

    public Activity Base(string type, Action<Activity> shape)
    {
        var id = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) + Random.Shared.Next(1000, 9999);
        var channelData = new JObject { ["tenant"] = new JObject { ["id"] = TenantId } };
        if (Scope == TeamsScope.Channel)
        {
            channelData["team"] = new JObject { ["id"] = TeamId, ["name"] = "Veerkracht Pottenberg", ["aadGroupId"] = Guid.NewGuid().ToString() };
            channelData["channel"] = new JObject { ["id"] = ConversationId, ["name"] = "General" };
            channelData["teamsTeamId"] = TeamId;
            channelData["teamsChannelId"] = ConversationId;
        }

        var activity = new Activity
        {
            Type = type,
            Id = type == ActivityTypes.Message ? id : "f:" + Guid.NewGuid().ToString("N"),
            ChannelId = "msteams",
            ServiceUrl = ServiceUrl,
            Timestamp = DateTimeOffset.UtcNow,
            LocalTimestamp = DateTimeOffset.Now,
            From = new ChannelAccount(UserId, "Anne de Vries", aadObjectId: AadObjectId),
            Recipient = new ChannelAccount(BotId, BotName),
            Conversation = new ConversationAccount(
                isGroup: Scope != TeamsScope.Personal,
                conversationType: Scope switch { TeamsScope.Personal => "personal", TeamsScope.Channel => "channel", _ => "groupChat" },
                id: Scope == TeamsScope.Channel && type == ActivityTypes.Message ? ConversationId + ";messageid=" + id : ConversationId,
                tenantId: TenantId),
            ChannelData = channelData,
            Locale = _locale,
            Entities = [new Entity("clientInfo") { Properties = JObject.FromObject(new { locale = _locale, country = "NL", platform = "Web", timezone = "Europe/Amsterdam" }) }],
        };
        shape(activity);
        return activity;
    }
}
