using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.Conversations;
using VeerkrachtBot.Bot.Polls;
using VeerkrachtBot.Bot.Pulse;
using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Bot.Tests.Infrastructure;

/// <summary>
/// Walks a new resident through every flow (needs the demo meetings and poll) and collects every card the bot
/// sent, so tests can hold all real cards to the renderer and to the Teams and Web Chat limits.
/// </summary>
public static class CardTour
{
    public static async Task<IReadOnlyList<(string Name, JObject Card)>> RunAsync(HttpClient client, LoopbackConnector connector, BotTexts texts)
    {
        var chat = new ResidentChat(client, connector, locale: texts.Language.Locale());
        await chat.ArriveAsync();
        await chat.ClickAsync("Pottenberg");
        await chat.ClickAsync(PollFlow.ScoreTitle(texts, 4));
        await chat.SayAsync("Meer schaduw bij de speeltuin graag");
        await chat.ClickAsync(texts.PollsTitle);

        await chat.ClickAsync(texts.MeetingsTitle);
        await chat.ClickAsync(ResidentChat.Buttons(chat.Last).First(b => b.Title.StartsWith(texts.Meetings.View.Split('‘')[0], StringComparison.Ordinal)).Title);
        await chat.ClickAsync(texts.Meetings.Yes);
        await chat.ClickAsync("2");
        await chat.ClickAsync(texts.Meetings.OtherMeetings);
        await chat.ClickAsync(ResidentChat.Buttons(chat.Last).First(b => b.Title.StartsWith(texts.Meetings.View.Split('‘')[0], StringComparison.Ordinal)).Title);
        await chat.ClickAsync(texts.Meetings.Cancel);
        await chat.ClickAsync(texts.Meetings.CancelNo);

        await chat.ClickAsync(texts.ShareIdea);
        await chat.SayAsync(texts.Language == ResidentLanguage.English
            ? "The lamp near the little playground is broken and young people hang around there at night"
            : "De lamp bij het speeltuintje is kapot en 's avonds hangen er jongeren rond");
        await chat.ClickAsync(texts.Ideas.Correct);
        await chat.SayAsync("hallo");
        await chat.ClickAsync(texts.Ideas.Back);
        await chat.ClickAsync(texts.Ideas.Correct);
        await chat.ClickAsync(texts.Ideas.Save, new { themes = "public-space,safety" });
        await chat.ClickAsync(texts.Ideas.ContactYes);
        await chat.SayAsync("iemand@example.nl");
        await chat.ClickAsync(texts.MyIdeas);

        await chat.ClickAsync(texts.MyData);
        await chat.ClickAsync(texts.Privacy.StatementTitle);
        await chat.ClickAsync(texts.MyData);
        await chat.ClickAsync(texts.Privacy.Erase);
        await chat.ClickAsync(texts.Privacy.EraseNo);
        await chat.SayAsync("help");
        await chat.SayAsync("bla");

        // A second resident (one conversation may send 30 messages a minute): a question about the bot, an urgent
        // message (the number first, then whether to share it) and a message in the other language (answered in
        // that language, with the offer to keep it).
        var second = new ResidentChat(client, connector, locale: texts.Language.Locale());
        await second.ArriveAsync();
        await second.ClickAsync("Pottenberg");
        await second.SayAsync("wat is dit?");
        await second.SayAsync(texts.Language == ResidentLanguage.English ? "There is a fire in the flat next to ours!!" : "Er is brand in de flat naast ons!!");
        await second.ClickAsync(texts.Ideas.ShareNo);
        await second.SayAsync(texts.Language == ResidentLanguage.English
            ? "De stoep bij de bushalte in Nazareth ligt al maanden open"
            : "The pavement near the bus stop in Nazareth has been broken for months");
        await second.ClickAsync(texts.Language == ResidentLanguage.English ? BotTexts.Dutch.KeepThisLanguage : BotTexts.English.KeepThisLanguage);

        // A third resident takes the neighbourhood pulse, gives the background after it and looks at it under my data.
        var pulse = PulseTexts.For(texts.Language);
        var third = new ResidentChat(client, connector, locale: texts.Language.Locale());
        await third.ArriveAsync();
        await third.ClickAsync("Pottenberg");
        await third.SayAsync(texts.Language == ResidentLanguage.English ? "pulse" : "buurtpeiling");
        foreach (var score in new[] { 4, 2, 5, 3, 1, 4 })
        {
            await third.ClickAsync(pulse.Scale[score - 1]);
        }

        await third.ClickAsync(pulse.Bands["25-44"]);
        await third.ClickAsync(pulse.Skip);
        await third.ClickAsync(pulse.Bands["couple"]);
        await third.ClickAsync(texts.MyData);
        await third.ClickAsync(pulse.BackgroundTitle);

        return chat.All.Concat(second.All).Concat(third.All).Select((activity, index) => (Activity: activity, Index: index, Card: Said.Card(activity)))
            .Where(x => x.Card is not null)
            .Select(x => (Name(texts, x.Index, x.Activity), x.Card!))
            .ToList();
    }

    /// <summary>The tour in Dutch, then in English (each as a new resident).</summary>
    public static async Task<IReadOnlyList<(string Name, JObject Card)>> RunInBothLanguagesAsync(HttpClient client, LoopbackConnector connector) =>
        [.. await RunAsync(client, connector, BotTexts.Dutch), .. await RunAsync(client, connector, BotTexts.English)];

    /// <summary>"nl-07-Voorbeeld: Buurtavond Pottenbe": language, position and the start of the card's first line.</summary>
    private static string Name(BotTexts texts, int index, Microsoft.Bot.Schema.Activity activity)
    {
        var firstLine = Said.Text(activity).Split('\n')[0];
        return $"{texts.Lang}-{index:00}-{firstLine[..Math.Min(30, firstLine.Length)]}";
    }
}
