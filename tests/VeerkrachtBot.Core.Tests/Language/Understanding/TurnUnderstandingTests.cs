using Microsoft.Extensions.Configuration;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Language.Understanding;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Neighbourhoods;

namespace VeerkrachtBot.Core.Tests.Language.Understanding;

/// <summary>The one decision about a typed text, without HTTP: the phrases at the steps where they were typed.</summary>
public sealed class TurnUnderstandingTests
{
    private static readonly TurnUnderstanding Understanding = new(new NeighbourhoodFinder(new NeighbourhoodCatalog([])), new ThemeAnswers(new ThemeCatalog([])));

    private static TurnDecision At(AnswerKind kind, string text) => Understanding.Understand(text, new ExpectedAnswer(kind));

    [Fact]
    public void IWonenInNazareth_AsAFirstMessage_IsWhereTheResidentLives_NotAnIdea()
    {
        var decision = At(AnswerKind.None, "ik woon in Nazareth");

        Assert.Equal(TurnDecisionKind.Answer, decision.Kind);
        Assert.Equal("nazareth", decision.NeighbourhoodId);
    }

    [Theory]
    [InlineData("bel me maar", true)]
    [InlineData("ja", true)]
    [InlineData("is goed", true)]
    [InlineData("sure", true)]
    [InlineData("👍", true)]
    [InlineData("liever niet", false)]
    [InlineData("no thanks", false)]
    [InlineData("nee, dat hoeft niet", false)]
    public void AtTheContactQuestion_YesAndNo_AreAnswers(string text, bool yes)
    {
        var decision = At(AnswerKind.Contact, text);

        Assert.Equal(TurnDecisionKind.Answer, decision.Kind);
        Assert.Equal(yes, decision.Yes);
    }

    [Fact]
    public void AYesWithANumber_KeepsTheNumber()
    {
        var decision = At(AnswerKind.Contact, "ja bel me op 06-12345678");

        Assert.Equal((true, "06-12345678"), (decision.Yes, decision.ContactDetail));
    }

    [Theory]
    [InlineData(AnswerKind.None, BotQuestion.About, "wat is dit?")]
    [InlineData(AnswerKind.Text, BotQuestion.About, "wat is dit?")]
    [InlineData(AnswerKind.None, BotQuestion.WhoReads, "wie leest dit?")]
    [InlineData(AnswerKind.Contact, BotQuestion.WhoReads, "wie dan?")]
    [InlineData(AnswerKind.None, BotQuestion.Privacy, "is dit anoniem?")]
    public void QuestionsAboutTheBot_AreQuestions_NeverIdeas(AnswerKind kind, BotQuestion question, string text)
    {
        var decision = At(kind, text);

        Assert.Equal(TurnDecisionKind.Question, decision.Kind);
        Assert.Equal(question, decision.Question);
    }

    [Theory]
    [InlineData("hondenpoep!")]
    [InlineData("kapotte lamp")]
    [InlineData("lawaai!!")]
    [InlineData("Wat is dit voor troep op de stoep?")]
    public void ShortRealConcerns_AtTheMenu_AreMessages(string text) => Assert.Equal(TurnDecisionKind.Message, At(AnswerKind.None, text).Kind);

    [Theory]
    [InlineData("ok")]
    [InlineData("ja")]
    [InlineData("??")]
    [InlineData("test")]
    public void NothingOfItsOwn_AtTheMenu_IsNotUnderstood(string text) => Assert.Equal(TurnDecisionKind.NotUnderstood, At(AnswerKind.None, text).Kind);

    [Fact]
    public void AtTheThemeList_TypedTextLeavesIt_ACommandGoesThere_AndAGreetingIsAskedAbout()
    {
        Assert.Equal((TurnDecisionKind.Command, ResidentCommand.Meetings), (At(AnswerKind.Themes, "bijeenkomsten").Kind, At(AnswerKind.Themes, "bijeenkomsten").Command));
        Assert.Equal(TurnDecisionKind.NotUnderstood, At(AnswerKind.Themes, "hallo").Kind);
        Assert.Equal(["housing", "safety"], At(AnswerKind.Themes, "wonen en veiligheid").ThemeIds);
        Assert.Equal(["livelihood"], At(AnswerKind.Themes, "geld en rondkomen").ThemeIds);
        Assert.Equal(["housing", "public-space"], At(AnswerKind.Themes, "1 7").ThemeIds);
    }

    [Theory]
    [InlineData("twee", 2)]
    [InlineData("met z'n tweeën", 2)]
    [InlineData("two of us", 2)]
    [InlineData("alleen ik", 1)]
    [InlineData("ik met mijn 2 kinderen", 3)]
    [InlineData("drie personen", 3)]
    public void PartySizes_InWords(string text, int size) => Assert.Equal(size, At(AnswerKind.PartySize, text).Number);

    [Fact]
    public void AMessageNamingANeighbourhoodOrStreet_CarriesIt()
    {
        Assert.Equal("nazareth", At(AnswerKind.None, "er ligt veel zwerfafval op het plein in Nazareth").NeighbourhoodId);
        Assert.Equal("pottenberg", At(AnswerKind.Text, "Op de Veldspaatstraat staan altijd autos op de stoep").NeighbourhoodId);
        Assert.Null(At(AnswerKind.Text, "De lamp bij de speeltuin is kapot").NeighbourhoodId);
    }

    [Fact]
    public void AMeeting_IsChosenByTitleOrDate()
    {
        var today = new DateTime(2026, 12, 3);
        var expected = new ExpectedAnswer(AnswerKind.Meeting)
        {
            Today = today,
            Meetings = [new("a", "Buurtavond Pottenberg", new DateTime(2026, 12, 8, 19, 30, 0)), new("b", "Meemakers wandeling", new DateTime(2026, 12, 12, 10, 0, 0))],
        };

        Assert.Equal("b", Understanding.Understand("de wandeling", expected).MeetingId);
        Assert.Equal("a", Understanding.Understand("die van dinsdag", expected).MeetingId);
        Assert.Equal("b", Understanding.Understand("12 december", expected).MeetingId);
        Assert.Equal(TurnDecisionKind.NotUnderstood, Understanding.Understand("zondag", expected).Kind);
    }

    [Fact]
    public void StopLeavesAnyStep_ButTochNietAnswersAYesNoQuestion()
    {
        Assert.Equal(ResidentCommand.Stop, At(AnswerKind.Themes, "stop").Command);
        Assert.Equal(ResidentCommand.Stop, At(AnswerKind.Text, "laat maar").Command);
        Assert.Equal((TurnDecisionKind.Answer, false), (At(AnswerKind.YesNo, "toch niet").Kind, At(AnswerKind.YesNo, "toch niet").Yes));
    }

    [Fact]
    public void StreetsAreConfigurablePerNeighbourhood()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Neighbourhoods:Items:0:Id"] = "wyck",
            ["Neighbourhoods:Items:0:Name"] = "Wyck",
            ["Neighbourhoods:Items:0:Streets:0"] = "Rechtstraat",
        }).Build();
        var options = configuration.GetSection(NeighbourhoodOptions.Section).Get<NeighbourhoodOptions>()!;
        var finder = new NeighbourhoodFinder(new NeighbourhoodCatalog(options.Items));

        Assert.Equal("wyck", finder.Find("de stoep in de rechtstraat is kapot")?.Id);
        Assert.Null(finder.Find("de stoep in de chamottestraat is kapot"));
    }

    [Theory]
    [InlineData("ik kom met 2 mensen", RsvpResponse.Yes, 2)]
    [InlineData("ik kom met mijn man", RsvpResponse.Yes, 2)]
    [InlineData("we komen met z'n vieren", RsvpResponse.Yes, 4)]
    [InlineData("ik kom", RsvpResponse.Yes, null)]
    [InlineData("👍", RsvpResponse.Yes, null)]
    [InlineData("ik kom niet", RsvpResponse.No, null)]
    [InlineData("helaas niet", RsvpResponse.No, null)]
    [InlineData("weet niet of ik kom", RsvpResponse.Maybe, null)]
    [InlineData("maybe", RsvpResponse.Maybe, null)]
    public void AtAMeeting_ComingMaybeOrNot_WithTheParty(string text, RsvpResponse response, int? party)
    {
        var decision = At(AnswerKind.Rsvp, text);

        Assert.Equal(TurnDecisionKind.Answer, decision.Kind);
        Assert.Equal((response, party), (decision.Response, decision.Number));
    }

    [Theory]
    [InlineData("de stoep bij het buurtcentrum is al maanden kapot", TurnDecisionKind.Message)]
    [InlineData("menu", TurnDecisionKind.Command)]
    [InlineData("hmm", TurnDecisionKind.NotUnderstood)]
    public void AtAMeeting_WhatIsNoAnswer_IsWhatItIsElsewhere(string text, TurnDecisionKind kind) => Assert.Equal(kind, At(AnswerKind.Rsvp, text).Kind);
}
