using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace VeerkrachtBot.Bot.Tests.Infrastructure;

/// <summary>
/// A resident chatting with the bot over real HTTP: activities go to /api/messages, the bot's replies come back
/// through the loopback connector. Clicking a card button posts its Action.Submit data (merged with the card's
/// inputs), the way Web Chat and Teams do; on channels without cards a click types the title, like imBack.
/// </summary>
public sealed class ResidentChat(HttpClient client, LoopbackConnector connector, string channelId = "webchat", string locale = "nl-NL", string? conversationId = null)
{
    public string ConversationId { get; } = conversationId ?? "conv-" + Guid.NewGuid().ToString("N");

    // Replies that came before this chat object (the same conversation resumed) are not new.
    private int _seen = conversationId is null ? 0 : connector.SentTo(conversationId).Count;

    public string ChannelId => channelId;

    /// <summary>The channel user id, as Activities.Message sets it.</summary>
    public string UserId => "user-" + ConversationId;

    public IReadOnlyList<Activity> All => connector.SentTo(ConversationId);

    /// <summary>The latest reply that is a message (not typing).</summary>
    public Activity Last => All.Last(a => a.Type == ActivityTypes.Message);

    public Task<IReadOnlyList<Activity>> ArriveAsync() =>
        PostAsync(Activities.MembersAdded(connector.ServiceUrl, ConversationId, channelId, locale));

    public Task<IReadOnlyList<Activity>> SayAsync(string text) =>
        PostAsync(Activities.Message(connector.ServiceUrl, ConversationId, text, channelId, locale));

    public Task<IReadOnlyList<Activity>> SendAsync(Activity activity) => PostAsync(activity);

    /// <summary>Clicks the button with this title on the latest reply that has it.</summary>
    public Task<IReadOnlyList<Activity>> ClickAsync(string title, object? inputs = null)
    {
        var reply = All.LastOrDefault(a => Buttons(a).Any(b => b.Title == title))
            ?? throw new InvalidOperationException($"No reply offers '{title}'. Last reply: {Said.Text(Last)}");
        var button = Buttons(reply).First(b => b.Title == title);
        if (button.Data is null)
        {
            return SayAsync(title);
        }

        var data = (JObject)button.Data.DeepClone();
        if (inputs is not null)
        {
            data.Merge(JObject.FromObject(inputs));
        }

        return PostAsync(Activities.Message(connector.ServiceUrl, ConversationId, text: null!, channelId, locale, value: data));
    }

    /// <summary>The buttons of a reply: card actions (with their data) or suggested actions (titles only).</summary>
    public static IReadOnlyList<(string Title, JObject? Data)> Buttons(Activity reply)
    {
        if (Said.Card(reply) is { } card)
        {
            return card.SelectTokens("$..actions[*]").OfType<JObject>()
                .Where(a => a.Value<string>("type") == "Action.Submit")
                .Select(a => (a.Value<string>("title")!, (JObject?)a["data"]))
                .ToList();
        }

        return (reply.SuggestedActions?.Actions ?? []).Select(a => (a.Title, (JObject?)null)).ToList();
    }

    /// <summary>The links (Action.OpenUrl) of a reply's card.</summary>
    public static IReadOnlyList<(string Title, Uri Url)> Links(Activity reply) =>
        Said.Card(reply)?.SelectTokens("$..actions[*]").OfType<JObject>()
            .Where(a => a.Value<string>("type") == "Action.OpenUrl")
            .Select(a => (a.Value<string>("title")!, new Uri(a.Value<string>("url")!)))
            .ToList() ?? [];

    private async Task<IReadOnlyList<Activity>> PostAsync(Activity activity)
    {
        var response = await client.PostAsync("api/messages", activity);
        response.EnsureSuccessStatusCode();
        var all = All;
        var fresh = all.Skip(_seen).Where(a => a.Type == ActivityTypes.Message).ToList();
        _seen = all.Count;
        return fresh;
    }
}
