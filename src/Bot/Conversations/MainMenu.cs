using VeerkrachtBot.Bot.Prompts;
using VeerkrachtBot.Core.Language.Understanding;

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

/// <summary>Names of the actions buttons send; the menu's are the names of the <see cref="ResidentCommand"/>s that typed words map to.</summary>
public static class Actions
{
    public const string Menu = nameof(ResidentCommand.Menu);
    public const string Help = nameof(ResidentCommand.Help);
    public const string Stop = nameof(ResidentCommand.Stop);
    public const string English = nameof(ResidentCommand.English);
    public const string Dutch = nameof(ResidentCommand.Dutch);
    public const string ShareIdea = nameof(ResidentCommand.ShareIdea);
    public const string MyIdeas = nameof(ResidentCommand.MyIdeas);
    public const string Meetings = nameof(ResidentCommand.Meetings);
    public const string Polls = nameof(ResidentCommand.Polls);
    public const string MyData = nameof(ResidentCommand.MyData);
    public const string Pulse = nameof(ResidentCommand.Pulse);
    public const string Greeting = nameof(ResidentCommand.Greeting);
    public const string Thanks = nameof(ResidentCommand.Thanks);
    public const string Neighbourhood = "Neighbourhood";

    /// <summary>After the neighbourhood asked on arrival: the open poll, or the menu.</summary>
    public const string Arrived = "Arrived";
}
