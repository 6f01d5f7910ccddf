using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.Conversations;
using VeerkrachtBot.Bot.Prompts;
using VeerkrachtBot.Bot.Tests.Infrastructure;

namespace VeerkrachtBot.Bot.Tests.Prompts;

public sealed class PromptCardTests
{
    public static TheoryData<string> Languages => ["nl", "en"];

    private static BotTexts Texts(string language) => language == "en" ? BotTexts.English : BotTexts.Dutch;

    /// <summary>A prompt with every part a prompt can have: sections, facts, a quote, a picker, choices and links.</summary>
    public static Prompt Everything(string quote = "De lamp bij de speeltuin is kapot.") => new("Dank je wel! Dit heb ik begrepen.\n\nKlopt dat?")
    {
        Sections =
        [
            new Section("Buurtavond Pottenberg")
            {
                Lines = ["dinsdag 1 december 2026 van 19:30 tot 21:30 uur"],
                Quote = quote,
                Facts = [new Fact("Waar", "Buurtcentrum"), new Fact("Plekken", "nog 12 vrij")],
                Choices = [new Choice("Bekijken", BotAction.Of("Meeting", ("meeting", "m1")))],
            },
        ],
        Picker = new Picker("themes", "Onderwerpen", [("housing", "Wonen"), ("health", "Gezondheid & zorg")], ["housing"],
            new Choice("Opslaan", BotAction.Of("IdeaThemes", ("idea", "i1"))), "Typ de nummers, bijvoorbeeld: 1 2"),
        Question = "Wat wil je doen?",
        Choices = [new Choice("Ja", BotAction.Of("IdeaConfirm", ("idea", "i1"))), new Choice("Terug naar het menu", BotAction.Of("Menu"))],
        Links = [new Link("Zet in mijn agenda (.ics)", new Uri("http://localhost:3978/api/meetings/m1/calendar.ics"))],
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public void MainMenu_KeepsItsSixButtonsInOrder_AcrossActionSetsOfAtMostFive(string language)
    {
        var card = PromptCard.Build(MainMenu.Build(Texts(language), Texts(language).Welcome));

        Assert.Equal(MainMenu.Build(Texts(language), "").Choices.Select(c => c.Title), card.SelectTokens("$..actions[*].title").Select(t => t.ToString()));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void MainMenu_MatchesTheApprovedJson(string language) =>
        Snapshot.Match($"MainMenu.{language}", PromptCard.Build(MainMenu.Build(Texts(language), Texts(language).Welcome)).ToString(Formatting.Indented));

    [Fact]
    public void Everything_MatchesTheApprovedJson() =>
        Snapshot.Match("Everything", PromptCard.Build(Everything()).ToString(Formatting.Indented));

    [Fact]
    public void Everything_TextVersion_NumbersThePickerOptions_AndBulletsTheButtons() =>
        Assert.Equal(
            """
            Dank je wel! Dit heb ik begrepen.

            Klopt dat?

            Buurtavond Pottenberg
            dinsdag 1 december 2026 van 19:30 tot 21:30 uur
            “De lamp bij de speeltuin is kapot.”
            Waar: Buurtcentrum
            Plekken: nog 12 vrij
            • Bekijken

            Onderwerpen
            1. Wonen ✓
            2. Gezondheid & zorg
            Typ de nummers, bijvoorbeeld: 1 2

            Wat wil je doen?
            • Ja
            • Terug naar het menu

            Zet in mijn agenda (.ics): http://localhost:3978/api/meetings/m1/calendar.ics
            """.ReplaceLineEndings("\n"),
            PromptText.Build(Everything()));

    [Theory]
    [MemberData(nameof(Languages))]
    public void Cards_StayWithinTeamsAndWebChatLimits(string language)
    {
        CardLimits.AssertFits("main menu", PromptCard.Build(MainMenu.Build(Texts(language), Texts(language).Welcome)));
        CardLimits.AssertFits("everything", PromptCard.Build(Everything()));
    }

    [Fact]
    public void HostileText_IsOnlyEverATextRun_NeverMarkdownOrHtml()
    {
        const string hostile = "[klik hier](javascript:alert(1)) <img src=x onerror=alert(1)> **vet** ${name} {{DATE(2026-01-01T00:00:00Z)}}";

        var card = PromptCard.Build(Everything(hostile));

        Assert.Empty(card.SelectTokens("$..[?(@.type == 'TextBlock')]"));
        var runs = card.SelectTokens("$..[?(@.type == 'TextRun')]").OfType<JObject>().ToList();
        Assert.Contains(runs, r => r.Value<string>("text") == "“" + hostile + "”");
        Assert.All(card.SelectTokens("$..text").Select(t => t.Parent!.Parent!).OfType<JObject>(),
            element => Assert.Equal("TextRun", element.Value<string>("type")));
    }

    [Fact]
    public void BotAction_RoundTripsThroughButtonData_AndIgnoresNonStringParts()
    {
        var action = BotAction.Of("Rsvp", ("meeting", "m1"), ("response", "Yes"));
        var data = action.ToData();
        data["nested"] = new JObject { ["x"] = 1 };
        data["themes"] = "housing,health";

        var read = BotAction.FromValue(data)!;

        Assert.Equal("Rsvp", read.Name);
        Assert.Equal("m1", read["meeting"]);
        Assert.Equal("housing,health", read["themes"]);
        Assert.Null(read["nested"]);
        Assert.Null(BotAction.FromValue(new JObject { ["action"] = new JObject() }));
        Assert.Null(BotAction.FromValue("Rsvp"));
    }
}
