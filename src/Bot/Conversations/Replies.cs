using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using VeerkrachtBot.Bot.Prompts;
using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Bot.Conversations;

/// <summary>Builds replies that fit the channel: an Adaptive Card where it renders, text with numbered choices and suggested actions elsewhere.</summary>
public static class Replies
{
    private static readonly HashSet<string> CardChannels = new(StringComparer.OrdinalIgnoreCase)
    {
        "webchat", "directline", "msteams", "emulator", "test",
    };

    public static bool SupportsCards(string? channelId) => channelId is not null && CardChannels.Contains(channelId);

    /// <summary>The prompt as this channel shows it. Our texts are plain: no channel may read them as markdown.</summary>
    public static IMessageActivity Render(string? channelId, BotTexts texts, Prompt prompt)
    {
        IMessageActivity reply;
        if (SupportsCards(channelId))
        {
            reply = MessageFactory.Attachment(new Attachment(PromptCard.ContentType, content: PromptCard.Build(prompt)));
            reply.Summary = PromptCard.Paragraphs(prompt.Lead).FirstOrDefault();
        }
        else
        {
            // A suggested action sends its value as the resident's message; titles that repeat ("Bekijken" under
            // each meeting) send their number instead, so the bot knows which one was meant.
            var all = prompt.AllChoices.ToList();
            var repeated = all.GroupBy(c => c.Title).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
            var choices = all.Select((c, i) => new CardAction(ActionTypes.ImBack, c.Title,
                value: repeated.Contains(c.Title) && prompt.NumbersPickChoices ? (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : c.Title)).ToList();
            reply = choices.Count > 0
                ? MessageFactory.SuggestedActions(choices, PromptText.Build(prompt), ssml: null, inputHint: null)
                : MessageFactory.Text(PromptText.Build(prompt));
            reply.TextFormat = TextFormatTypes.Plain;
        }

        reply.Locale = texts.Language.Locale();
        return reply;
    }

    /// <summary>Plain text in the resident's language.</summary>
    public static IMessageActivity Text(BotTexts texts, string text)
    {
        var reply = MessageFactory.Text(text);
        reply.Locale = texts.Language.Locale();
        reply.TextFormat = TextFormatTypes.Plain;
        return reply;
    }
}
