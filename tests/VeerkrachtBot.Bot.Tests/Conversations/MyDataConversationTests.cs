using System.Net;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Bot.Tests.Conversations;

/// <summary>"My data", consent, erasure, and the limits that protect every conversation.</summary>
public sealed class MyDataConversationTests(BotHost host) : ConnectorTest(host)
{
    private async Task<ResidentChat> WithIdeaAsync(bool contact)
    {
        var chat = new ResidentChat(Client, Connector);
        await chat.ArriveAsync();
        await chat.SayAsync("De buren draaien elke nacht harde muziek tot drie uur");
        await chat.ClickAsync("Nazareth");
        await chat.ClickAsync("Ja, dat klopt");
        if (contact)
        {
            await chat.ClickAsync("Ja, dat mag");
            await chat.SayAsync("+31 6 12345678");
        }
        else
        {
            await chat.ClickAsync("Nee, liever niet");
        }

        return chat;
    }

    private Task<Resident?> ResidentOf(ResidentChat chat) => Host.Get<ResidentService>().FindAsync(chat.ChannelId, chat.UserId);

    [Fact]
    public async Task MyData_ShowsWhatIsStored_AndTheDownloadLinkGivesTheExport()
    {
        var chat = await WithIdeaAsync(contact: true);

        await chat.ClickAsync("Mijn gegevens");

        var said = Said.Text(chat.Last);
        Assert.Contains("Buurt: Nazareth", said.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Contact over je ideeën: ja, dat mag", said.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(["Bekijk mijn gegevens", "Download als bestand (JSON)"], ResidentChat.Links(chat.Last).Select(l => l.Title).ToArray());
        var (title, url) = ResidentChat.Links(chat.Last)[1];
        using var download = await Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Contains("attachment", download.Content.Headers.ContentDisposition?.DispositionType, StringComparison.Ordinal);
        var export = JObject.Parse(await download.Content.ReadAsStringAsync());
        Assert.Equal((await ResidentOf(chat))!.Id, export.SelectToken("resident.id")?.ToString());
        Assert.Single((JArray)export["ideas"]!);

        var forged = url.ToString()[..^3] + "abc";
        Assert.Equal(HttpStatusCode.Forbidden, (await Client.GetAsync(forged)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Client.GetAsync("api/mydata/export?token=x.y")).StatusCode);
    }

    /// <summary>Tried as a resident would: "delete my data" was not understood; asking to see or erase one's data leads to My data.</summary>
    [Theory]
    [InlineData("verwijder mijn gegevens", "Alles verwijderen")]
    [InlineData("ik wil mijn gegevens wissen", "Alles verwijderen")]
    [InlineData("delete my data", "Delete everything")]
    public async Task AskingToEraseTheirData_InTheirOwnWords_LeadsToMyData_WithTheEraseButton(string typed, string button)
    {
        var chat = await WithIdeaAsync(contact: false);
        if (button == "Delete everything")
        {
            await chat.ClickAsync("English");
        }

        await chat.SayAsync(typed);

        Assert.Contains(button, ResidentChat.Buttons(chat.Last).Select(b => b.Title));
        await chat.ClickAsync(button);
        Assert.Single(await Host.Get<IdeaService>().MineAsync((await ResidentOf(chat))!.Id));
    }

    [Fact]
    public async Task WithdrawingContact_RemovesTheContactDetailsFromTheIdeas()
    {
        var chat = await WithIdeaAsync(contact: true);
        await chat.ClickAsync("Mijn gegevens");

        await chat.ClickAsync("Geen contact meer");

        Assert.Contains("Je toestemming is ingetrokken", Said.Text(chat.Last), StringComparison.Ordinal);
        var resident = (await ResidentOf(chat))!;
        Assert.False(await Host.Get<ResidentService>().HasConsentAsync(resident.Id, ConsentKind.Contact));
        var idea = Assert.Single(await Host.Get<IdeaService>().MineAsync(resident.Id));
        Assert.False(idea.ContactAllowed);
        Assert.Null(idea.ContactDetail);
    }

    [Fact]
    public async Task KeepingTheOriginalText_IsOnlyDoneAfterConsent()
    {
        var chat = new ResidentChat(Client, Connector);
        await chat.ArriveAsync();
        await chat.ClickAsync("Ergens anders");
        await chat.ClickAsync("Mijn gegevens");
        await chat.ClickAsync("Mijn eigen tekst mag bewaard worden");
        await chat.SayAsync("Mijn buurman Jan de Vries zet zijn afval altijd naast de container");
        await chat.ClickAsync("Pottenberg");

        var idea = Assert.Single(await Host.Get<IdeaService>().MineAsync((await ResidentOf(chat))!.Id));
        Assert.Contains("Jan de Vries", idea.OriginalText, StringComparison.Ordinal);
        Assert.DoesNotContain("Jan de Vries", idea.Analysis.RedactedText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithdrawingKeepText_RemovesTheStoredOriginalTexts()
    {
        var chat = new ResidentChat(Client, Connector);
        await chat.ArriveAsync();
        await chat.ClickAsync("Ergens anders");
        await chat.ClickAsync("Mijn gegevens");
        await chat.ClickAsync("Mijn eigen tekst mag bewaard worden");
        await chat.SayAsync("Mijn buurvrouw Els Peters helpt iedereen met de boodschappen");
        await chat.ClickAsync("Pottenberg");
        await chat.ClickAsync("Mijn gegevens");

        await chat.ClickAsync("Mijn eigen tekst niet meer bewaren");

        var idea = Assert.Single(await Host.Get<IdeaService>().MineAsync((await ResidentOf(chat))!.Id));
        Assert.Null(idea.OriginalText);
        Assert.False(string.IsNullOrEmpty(idea.Analysis.RedactedText));
    }

    [Fact]
    public async Task DeleteEverything_AsksFirst_ThenErasesTheResident()
    {
        var chat = await WithIdeaAsync(contact: false);
        var resident = (await ResidentOf(chat))!;
        await chat.ClickAsync("Mijn gegevens");
        await chat.ClickAsync("Alles verwijderen");
        Assert.Contains("Weet je het zeker?", Said.Text(chat.Last), StringComparison.Ordinal);
        await chat.ClickAsync("Nee, toch niet");
        Assert.NotNull(await ResidentOf(chat));

        await chat.ClickAsync("Mijn gegevens");
        await chat.ClickAsync("Alles verwijderen");
        await chat.ClickAsync("Ja, verwijder alles");

        Assert.Contains("Alles wat ik van je wist, is verwijderd", Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.Null(await Host.Get<Core.Residents.IResidentStore>().FindAsync(resident.Id));
        Assert.Empty(await Host.Get<IdeaService>().MineAsync(resident.Id));

        // The anonymised idea can no longer be tied to the conversation through the message it came from.
        await using var connection = await Host.Get<Core.Storage.IDatabase>().OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM ideas WHERE source_key LIKE '%' || $conversation || '%'";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "$conversation";
        parameter.Value = chat.ConversationId;
        command.Parameters.Add(parameter);
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task PrivacyStatement_IsPlainLanguage()
    {
        var chat = new ResidentChat(Client, Connector);
        await chat.ArriveAsync();
        await chat.ClickAsync("Ergens anders");
        await chat.ClickAsync("Mijn gegevens");
        await chat.ClickAsync("Privacy");

        Assert.Contains("We bewaren geen naam", Said.Text(chat.Last), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nl-NL", "Ergens anders", "Mijn gegevens", "nooit langer dan 7 maanden na je laatste bericht", "Zeg je 8 maanden niets meer in de chat? Dan halen we het weg.", "tot je 18 maanden niets meer in de chat hebt gezegd", "bewaren we 2 maanden")]
    [InlineData("en-GB", "Somewhere else", "My data", "never longer than 7 months after your last message", "If you say nothing in the chat for 8 months, we remove it.", "until you have said nothing in the chat for 18 months", "website for 2 months")]
    public async Task PrivacyStatement_ShowsTheConfiguredRetentionPeriods(string locale, string other, string myData, params string[] expected)
    {
        await using var host = new BotHost()
            .With("Privacy:OriginalTextRetentionMonths", "7")
            .With("Privacy:ContactDetailRetentionMonths", "8")
            .With("Privacy:InactiveResidentMonths", "18")
            .With("Privacy:TranscriptRetentionMonths", "2");
        await host.InitializeAsync();
        await using var connector = await LoopbackConnector.StartAsync();
        using var client = host.CreateHttpClient();
        var chat = new ResidentChat(client, connector, locale: locale);
        await chat.ArriveAsync();
        await chat.ClickAsync(other);
        await chat.ClickAsync(myData);
        await chat.ClickAsync("Privacy");

        var said = Said.Text(chat.Last);
        foreach (var text in expected)
        {
            Assert.Contains(text, said, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TooLongMessage_GetsAFriendlyReply_AndNothingIsStored()
    {
        var chat = new ResidentChat(Client, Connector);
        await chat.SayAsync(string.Join(' ', Enumerable.Repeat("lang", 500)));

        Assert.Contains("maximaal 2.000 tekens", chat.Last.Text, StringComparison.Ordinal);
        var resident = (await ResidentOf(chat))!;
        Assert.Empty(await Host.Get<IdeaService>().MineAsync(resident.Id));
    }

    [Fact]
    public async Task RateLimit_PerConversation_AnswersOnceThenIgnoresUntilTheMinuteIsOver()
    {
        await using var limited = Host.Restarted().With("Bot:MessagesPerMinute", "3");
        await limited.InitializeAsync();
        var chat = new ResidentChat(limited.CreateHttpClient(), Connector);
        var other = new ResidentChat(limited.CreateHttpClient(), Connector);

        for (var i = 0; i < 3; i++)
        {
            Assert.NotEmpty(await chat.SayAsync("menu"));
        }

        var warned = Assert.Single(await chat.SayAsync("menu"));
        Assert.Contains("Wacht even een minuutje", warned.Text, StringComparison.Ordinal);
        Assert.Empty(await chat.SayAsync("menu"));
        Assert.NotEmpty(await other.SayAsync("menu"));
    }
}
