using VeerkrachtBot.Bot.Conversations;

namespace VeerkrachtBot.Bot.Tests.Conversations;

public sealed class IntentRecognizerTests
{
    public static TheoryData<string, Intent> Commands => new()
    {
        { "menu", Intent.Menu },
        { "Terug naar het menu", Intent.Menu },
        { "Back to the menu", Intent.Menu },
        { "STOP!", Intent.Stop },
        { "ik wil stoppen", Intent.Stop },
        { "hulp", Intent.Help },
        { "English", Intent.English },
        { "Nederlands", Intent.Dutch },
        { "Idee of zorg delen", Intent.ShareIdea },
        { "ik wil een idee delen", Intent.ShareIdea },
        { "Share an idea or concern", Intent.ShareIdea },
        { "Mijn ideeën", Intent.MyIdeas },
        { "my ideas", Intent.MyIdeas },
        { "Bijeenkomsten", Intent.Meetings },
        { "Vragen over de buurt", Intent.Polls },
        { "Neighbourhood questions", Intent.Polls },
        { "Mijn gegevens", Intent.MyData },
        { "hoi", Intent.Greeting },
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
    public void Command_IsRecognised(string text, Intent expected) => Assert.Equal(expected, IntentRecognizer.Recognize(text, null));

    [Theory]
    [MemberData(nameof(Messages))]
    public void MessageWithACommandWord_IsNotACommand(string text)
    {
        Assert.Equal(Intent.None, IntentRecognizer.Recognize(text, null));
        Assert.Equal(Intent.None, IntentRecognizer.RecognizeCommand(text));
    }

    [Fact]
    public void InsideAStep_OnlyTheCommandsThatLeaveAnyStepCount()
    {
        Assert.Equal(Intent.Stop, IntentRecognizer.RecognizeCommand("stop"));
        Assert.Equal(Intent.English, IntentRecognizer.RecognizeCommand("english please"));
        Assert.Equal(Intent.None, IntentRecognizer.RecognizeCommand("idee"));
        Assert.Equal(Intent.None, IntentRecognizer.RecognizeCommand("hallo"));
    }
}
