using System.Net;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Residents;
using VeerkrachtBot.Core.Storage;
using VeerkrachtBot.Core.Tests.Storage;

namespace VeerkrachtBot.Bot.Tests.Adapter;

/// <summary>
/// Azure SQL fails over (error 40613) in the middle of a resident's conversation, through real HTTP: a short failure
/// is retried and the resident notices nothing; a long one gets a "try again in a minute" and the resident keeps
/// their place in the conversation.
/// </summary>
public sealed class TransientDatabaseTests : IAsyncLifetime
{
    private readonly BotHost _host = new BotHost().WithServices(services =>
    {
        var original = services.Last(d => d.ServiceType == typeof(IDatabase));
        services.Remove(original);
        services.AddSingleton<IDatabase>(sp => new FlakyDatabase((IDatabase)original.ImplementationFactory!(sp), 40613));
    });

    private LoopbackConnector _connector = null!;
    private HttpClient _client = null!;

    private FlakyDatabase Database => (FlakyDatabase)_host.Get<IDatabase>();

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _connector = await LoopbackConnector.StartAsync();
        _client = _host.CreateHttpClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _connector.DisposeAsync();
        await ((IAsyncLifetime)_host).DisposeAsync();
    }

    /// <summary>A resident who shared an idea and said they may be contacted: the bot now waits for an address.</summary>
    private async Task<ResidentChat> WaitingForContactDetailAsync()
    {
        var chat = new ResidentChat(_client, _connector);
        await chat.ArriveAsync();
        await chat.ClickAsync("Ergens anders");
        await chat.ClickAsync("Idee of zorg delen");
        await chat.SayAsync("De lantaarnpaal bij de speeltuin is al weken kapot");
        await chat.ClickAsync("Pottenberg");
        await chat.ClickAsync("Ja, dat klopt");
        await chat.ClickAsync("Ja, dat mag");
        Assert.Contains("e-mailadres", Said.Text(chat.Last), StringComparison.Ordinal);
        return chat;
    }

    private async Task<Idea> IdeaOfAsync(ResidentChat chat)
    {
        var resident = await _host.Get<ResidentService>().FindAsync(chat.ChannelId, chat.UserId);
        return Assert.Single(await _host.Get<IdeaService>().MineAsync(resident!.Id));
    }

    [Fact]
    public async Task AShortFailover_IsRetried_AndTheResidentNoticesNothing()
    {
        var chat = await WaitingForContactDetailAsync();

        Database.Failures = 1;
        await chat.SayAsync("bewoner@example.nl");

        Assert.Contains("kan contact met je opnemen", Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.Equal("bewoner@example.nl", (await IdeaOfAsync(chat)).ContactDetail);
    }

    [Fact]
    public async Task AFailoverLongerThanTheRetries_AsksToTryAgain_AndKeepsTheResidentsPlace()
    {
        var chat = await WaitingForContactDetailAsync();

        Database.Failures = 100;
        await chat.SayAsync("bewoner@example.nl");
        Assert.Contains("Probeer het over een minuutje nog een keer", Said.Text(chat.Last), StringComparison.Ordinal);
        Database.Failures = 0;

        // The conversation still waits for the address: the same answer now goes through.
        await chat.SayAsync("bewoner@example.nl");

        Assert.Contains("kan contact met je opnemen", Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.Equal("bewoner@example.nl", (await IdeaOfAsync(chat)).ContactDetail);
    }

    [Fact]
    public async Task AnInvoke_WhileTheDatabaseIsAway_Is503WithRetryAfter_NotTheSdks501()
    {
        var chat = await WaitingForContactDetailAsync();
        var invoke = Activities.Message(_connector.ServiceUrl, chat.ConversationId, text: null!);
        invoke.Type = ActivityTypes.Invoke;
        invoke.Name = "adaptiveCard/action";
        invoke.Value = JObject.Parse("""{"action":{"type":"Action.Execute","verb":"x","data":{}}}""");

        Database.Failures = 100;
        using var response = await _client.PostAsync("api/messages", invoke);
        Database.Failures = 0;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Contains("Probeer het over een minuutje nog een keer", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Nothing of the conversation was lost.
        await chat.SayAsync("bewoner@example.nl");
        Assert.Contains("kan contact met je opnemen", Said.Text(chat.Last), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADirectLineRequest_WhileTheDatabaseIsAway_Is503WithRetryAfter_NotA500()
    {
        var client = await new DirectLineClient(_client).StartAsync();

        Database.Failures = 100;
        using var response = await client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{client.ConversationId}/activities");
        Database.Failures = 0;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        var (activities, _) = await client.GetActivitiesAsync();
        Assert.NotEmpty(activities);
    }
}
