using VeerkrachtBot.Core.Language.Understanding;

namespace VeerkrachtBot.Core.Tests.Language.Understanding;

public sealed class CommandWordsTests
{
    public static TheoryData<string, ResidentCommand> Commands => new()
    {
        { "menu", ResidentCommand.Menu },
        { "Terug naar het menu", ResidentCommand.Menu },
        { "terug", ResidentCommand.Menu },
        { "Back to the menu", ResidentCommand.Menu },
        { "STOP!", ResidentCommand.Stop },
        { "ik wil stoppen", ResidentCommand.Stop },
        { "hulp", ResidentCommand.Help },
        { "English", ResidentCommand.English },
        { "Nederlands", ResidentCommand.Dutch },
        { "Idee of zorg delen", ResidentCommand.ShareIdea },
        { "ik wil een idee delen", ResidentCommand.ShareIdea },
        { "Share an idea or concern", ResidentCommand.ShareIdea },
        { "Mijn ideeën", ResidentCommand.MyIdeas },
        { "my ideas", ResidentCommand.MyIdeas },
        { "Bijeenkomsten", ResidentCommand.Meetings },
        { "Vragen over de buurt", ResidentCommand.Polls },
        { "Neighbourhood questions", ResidentCommand.Polls },
        { "Mijn gegevens", ResidentCommand.MyData },
        { "hoi", ResidentCommand.Greeting },
        { "dank je wel", ResidentCommand.Thanks },
    };

    /// <summary>Short messages that hold a command word but say something: they are for the neighbourhood, not commands.</summary>
    public static TheoryData<string> Messages => new()
    {
        "Stop het kappen van bomen",
        "Zorgen over de huur",
        "Hoe zit het met de speeltuin",
        "Begin van de straat is donker",
        "Geen bijeenkomst voor jongeren hier",
        "hulp bij huiswerk",
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Command_IsRecognised(string text, ResidentCommand expected) => Assert.Equal(expected, CommandWords.Recognize(text));

    [Theory]
    [MemberData(nameof(Messages))]
    public void MessageWithACommandWord_IsNotACommand(string text) => Assert.Equal(ResidentCommand.None, CommandWords.Recognize(text));
}
