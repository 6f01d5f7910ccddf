using VeerkrachtBot.Bot.Prompts;

namespace VeerkrachtBot.Bot.Conversations;

/// <summary>The main menu: what a resident can do, under a short lead text.</summary>
public static class MainMenu
{
    public static Prompt Build(BotTexts texts, string lead) => new(lead)
    {
        Question = texts.MenuIntro,
        Choices =
        [
            new(texts.ShareIdea, BotAction.Of(Actions.ShareIdea)),
            new(texts.MyIdeas, BotAction.Of(Actions.MyIdeas)),
            new(texts.MeetingsTitle, BotAction.Of(Actions.Meetings)),
            new(texts.PollsTitle, BotAction.Of(Actions.Polls)),
            new(texts.MyData, BotAction.Of(Actions.MyData)),
            new(texts.OtherLanguage, BotAction.Of(texts.Language == Core.Residents.ResidentLanguage.English ? Actions.Dutch : Actions.English)),
        ],
    };

    /// <summary>One button back to the menu, for the end of a flow.</summary>
    public static Choice Back(BotTexts texts) => new(texts.BackToMenu, BotAction.Of(Actions.Menu));
}

/// <summary>Names of the actions buttons send; the menu's are the names of the <see cref="Intent"/>s that typed words map to.</summary>
public static class Actions
{
    public const string Menu = nameof(Intent.Menu);
    public const string Help = nameof(Intent.Help);
    public const string Stop = nameof(Intent.Stop);
    public const string English = nameof(Intent.English);
    public const string Dutch = nameof(Intent.Dutch);
    public const string ShareIdea = nameof(Intent.ShareIdea);
    public const string MyIdeas = nameof(Intent.MyIdeas);
    public const string Meetings = nameof(Intent.Meetings);
    public const string Polls = nameof(Intent.Polls);
    public const string MyData = nameof(Intent.MyData);
    public const string Neighbourhood = "Neighbourhood";
}
