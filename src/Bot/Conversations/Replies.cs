using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using VeerkrachtBot.Bot.Cards;
using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Bot.Conversations;

/// <summary>Builds replies that fit the channel: an Adaptive Card where it renders, text with suggested actions elsewhere.</summary>
public static class Replies
{
    private static readonly HashSet<string> CardChannels = new(StringComparer.OrdinalIgnoreCase)
    {
        "webchat", "directline", "msteams", "emulator", "test",
    };

    public static bool SupportsCards(string? channelId) => channelId is not null && CardChannels.Contains(channelId);

    /// <summary>A short text with the menu under it.</summary>
    public static IMessageActivity Menu(string? channelId, BotTexts texts, string lead)
    {
        IMessageActivity reply;
        if (SupportsCards(channelId))
        {
            reply = MessageFactory.Attachment(new Attachment(MenuCard.ContentType, content: MenuCard.Build(texts, lead)));
            reply.Summary = lead;
        }
        else
        {
            reply = MessageFactory.SuggestedActions(
                MenuCard.MenuItems(texts).Select(i => new CardAction(ActionTypes.ImBack, i.Title, value: i.Title)),
                $"{lead}\n\n{texts.MenuIntro}", ssml: null, inputHint: null);
        }

        reply.Locale = texts.Language.Locale();
        return reply;
    }

    /// <summary>Plain text in the resident's language.</summary>
    public static IMessageActivity Text(BotTexts texts, string text)
    {
        var reply = MessageFactory.Text(text);
        reply.Locale = texts.Language.Locale();
        // Our own texts are plain; never let a channel interpret them as markdown.
        reply.TextFormat = TextFormatTypes.Plain;
        return reply;
    }
}
