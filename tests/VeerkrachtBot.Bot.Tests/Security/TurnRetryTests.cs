using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.Routing;
using VeerkrachtBot.Bot.State;
using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot.Tests.Security;

/// <summary>
/// Finding 6, made certain: another instance saves the conversation's state while a turn runs here. The turn runs
/// again on the fresh state, its reply goes out once, and neither instance's change is lost.
/// </summary>
public sealed class TurnRetryTests : IAsyncLifetime
{
    private readonly OtherInstanceFirst _storage = new();
    private readonly BotHost _host;

    public TurnRetryTests() => _host = new BotHost().WithServices(services => services.AddSingleton<IStorage>(sp =>
    {
        _storage.Inner = new DatabaseStorage(sp.GetRequiredService<IStateStore>());
        return _storage;
    }));

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_host).DisposeAsync();

    [Fact]
    public async Task WhenAnotherInstanceSavesFirst_TheTurnRunsAgain_ItsReplyIsSentOnce_AndBothChangesStay()
    {
        await using var connector = await LoopbackConnector.StartAsync();
        using var client = _host.CreateHttpClient();
        var chat = new ResidentChat(client, connector);
        await chat.SayAsync("help");
        var key = $"webchat/conversations/{chat.ConversationId}";
        _storage.SaveFirstOnce(key);
        var menu = Activities.Message(connector.ServiceUrl, chat.ConversationId, "menu");

        var replies = await chat.SendAsync(menu);

        Assert.Equal(1, _host.Get<TurnAdmission>().Reruns);
        Assert.Contains("Wat wil je doen?", Said.Text(Assert.Single(replies)), StringComparison.Ordinal);
        var saved = (JObject)(await _host.Get<IStorage>().ReadAsync([key]))[key];
        var remembered = saved.SelectToken("Admission.RecentActivityIds")!.Values<string>().ToList();
        Assert.Contains("saved-by-the-other-instance", remembered);
        Assert.Contains(menu.Id, remembered);
        Assert.Empty(_host.Log.Errors);
    }

    /// <summary>Storage whose next write of a key finds that "another instance" saved that key a moment before.</summary>
    private sealed class OtherInstanceFirst : IStorage
    {
        private string? _armed;

        public IStorage Inner { get; set; } = null!;

        public void SaveFirstOnce(string key) => _armed = key;

        public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default) => Inner.ReadAsync(keys, cancellationToken);

        public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
        {
            if (_armed is { } key && changes.ContainsKey(key))
            {
                _armed = null;
                var current = (JObject)(await Inner.ReadAsync([key], cancellationToken))[key];
                ((JArray)current.SelectToken("Admission.RecentActivityIds")!).Add("saved-by-the-other-instance");
                await Inner.WriteAsync(new Dictionary<string, object> { [key] = current }, cancellationToken);
            }

            await Inner.WriteAsync(changes, cancellationToken);
        }

        public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default) => Inner.DeleteAsync(keys, cancellationToken);
    }
}
