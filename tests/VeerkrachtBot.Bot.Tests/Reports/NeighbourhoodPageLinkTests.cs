using System.Net;
using VeerkrachtBot.Bot.Tests.Infrastructure;

namespace VeerkrachtBot.Bot.Tests.Reports;

/// <summary>The chat links to the public page: asked what the bot is, a resident gets their neighbourhood's page (or each page) in their language.</summary>
public sealed class NeighbourhoodPageLinkTests(BotHost host) : ConnectorTest(host)
{
    [Fact]
    public async Task AskedWhatThisIs_AResidentOfPottenberg_GetsThePageOfTheirNeighbourhood_AndItOpens()
    {
        var chat = new ResidentChat(Client, Connector);
        await chat.SendAsync(Activities.Message(Connector.ServiceUrl, chat.ConversationId, null!, value: new { action = "Neighbourhood", id = "pottenberg", then = "Menu" }));

        // Out of the pulse's offer that may come with the menu: the question is then asked at the menu itself.
        await chat.SayAsync("stop");
        await chat.SayAsync("wie ben jij?");

        Assert.Contains("Op de pagina van je buurt zie je wat bewoners deelden en wat ermee gebeurde.", Said.Text(chat.Last), StringComparison.Ordinal);
        var link = Assert.Single(ResidentChat.Links(chat.Last));
        Assert.Equal("Wat de buurt zei: Pottenberg", link.Title);
        Assert.Equal(new Uri(Host.BaseAddress, "buurt/pottenberg"), link.Url);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(link.Url)).StatusCode);
        Assert.Contains("Wat wil je doen?", Said.Text(chat.Last), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InEnglish_WithoutANeighbourhood_TheResidentGetsEachPage_InEnglish()
    {
        var chat = new ResidentChat(Client, Connector);
        await chat.SayAsync("English");

        await chat.SayAsync("what is this?");

        Assert.Contains("On your neighbourhood's page you can see what residents shared and what happened with it.", Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.Equal(
            [("What the neighbourhood said: Pottenberg", new Uri(Host.BaseAddress, "buurt/pottenberg?lang=en")), ("What the neighbourhood said: Nazareth", new Uri(Host.BaseAddress, "buurt/nazareth?lang=en"))],
            ResidentChat.Links(chat.Last));
    }
}
