using System.Net;
using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Bot.Tests.Security;
using VeerkrachtBot.Core.Audit;
using VeerkrachtBot.Core.Teams;

namespace VeerkrachtBot.Bot.Tests.Professionals;

/// <summary>Installing and removing the bot in Teams, through /api/messages with Teams' payload shapes.</summary>
public sealed class TeamsInstallTests(TeamsHost host) : IClassFixture<TeamsHost>, IAsyncLifetime
{
    private LoopbackConnector _connector = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _connector = await LoopbackConnector.StartAsync();
        _client = host.CreateHttpClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _connector.DisposeAsync();
    }

    private TeamsChat Chat(TeamsScope scope, string? tenant = null, string? aad = null) =>
        new(_client, _connector, tenant ?? TeamsHost.Municipality, aad ?? TeamsHost.Professional(), scope);

    [Fact]
    public async Task InstallInATeam_StoresTheChannelWithItsTenantServiceUrl_GreetsOnce_AndUninstallForgetsIt()
    {
        var chat = Chat(TeamsScope.Channel);

        // Teams sends both on install, in either order; the bot greets once.
        (await chat.InstallAsync()).EnsureSuccessStatusCode();
        (await chat.BotAddedAsync()).EnsureSuccessStatusCode();

        var greeting = Assert.Single(chat.Fresh());
        var text = Said.Text(greeting);
        Assert.Contains("namen van bewoners, contactgegevens", text, StringComparison.Ordinal);
        Assert.StartsWith("/emea/" + TeamsHost.Municipality + "/v3/conversations/", Assert.Single(chat.Paths), StringComparison.Ordinal);
        var stored = await host.Get<ITeamsStore>().FindConversationAsync("msteams", chat.ConversationId);
        Assert.NotNull(stored);
        Assert.Equal((chat.ServiceUrl, TeamsHost.Municipality, "channel", chat.TeamId, TeamsChat.BotId), (stored.ServiceUrl, stored.TenantId, stored.ConversationType, stored.TeamId, stored.BotId));
        Assert.Contains(await host.Get<IAuditLog>().ForTargetAsync("conversation", stored.Id), e => e.Action == "teams.conversation" && e.Actor == chat.AadObjectId);

        (await chat.UninstallAsync()).EnsureSuccessStatusCode();

        Assert.Null(await host.Get<ITeamsStore>().FindConversationAsync("msteams", chat.ConversationId));
        Assert.Empty(chat.Fresh());
    }

    [Fact]
    public async Task InstallInPersonalScope_WithOnlyTheConversationUpdate_StoresAndGreets_AnUpgradeDoesNotGreetAgain()
    {
        var chat = Chat(TeamsScope.Personal);

        (await chat.BotAddedAsync()).EnsureSuccessStatusCode();
        (await chat.InstallAsync("add-upgrade")).EnsureSuccessStatusCode();

        Assert.Single(chat.Fresh());
        var stored = await host.Get<ITeamsStore>().FindConversationAsync("msteams", chat.ConversationId);
        Assert.Equal((chat.UserId, chat.AadObjectId, "personal"), (stored!.UserId, stored.AadObjectId, stored.ConversationType));

        (await chat.UninstallAsync("remove-upgrade")).EnsureSuccessStatusCode();
        Assert.Null(await host.Get<ITeamsStore>().FindConversationAsync("msteams", chat.ConversationId));
    }

    [Fact]
    public async Task EveryActivity_RefreshesTheTenantSpecificServiceUrl_AsSent()
    {
        var chat = Chat(TeamsScope.Personal);
        await chat.InstallAsync();
        var moved = chat.Base(Microsoft.Bot.Schema.ActivityTypes.Message, a =>
        {
            a.Text = "help";
            a.ServiceUrl = chat.ServiceUrl.Replace("/emea/", "/EMEA2/", StringComparison.Ordinal);
        });

        (await chat.PostRawAsync(moved)).EnsureSuccessStatusCode();

        var stored = await host.Get<ITeamsStore>().FindConversationAsync("msteams", chat.ConversationId);
        Assert.Equal(moved.ServiceUrl, stored!.ServiceUrl);
        Assert.StartsWith("/EMEA2/", chat.Paths[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task UninstallFromATeam_RemovesEveryChannelOfThatTeam_AndTheirSubscriptions()
    {
        var general = Chat(TeamsScope.Channel);
        await general.InstallAsync();
        var other = new TeamsChat(_client, _connector, TeamsHost.Municipality, TeamsHost.Professional(), TeamsScope.Channel, teamId: general.TeamId);
        var inOther = other.Base(Microsoft.Bot.Schema.ActivityTypes.Message, a => a.Text = "help");
        ((Newtonsoft.Json.Linq.JObject)inOther.ChannelData)["channel"] = new Newtonsoft.Json.Linq.JObject { ["id"] = "19:other" + Guid.NewGuid().ToString("N") + "@thread.tacv2" };
        inOther.Conversation.Id = ((Newtonsoft.Json.Linq.JObject)inOther.ChannelData)["channel"]!["id"] + ";messageid=" + inOther.Id;
        (await other.PostRawAsync(inOther)).EnsureSuccessStatusCode();
        await general.SayAsync("abonneren pottenberg");
        Assert.Equal(2, await Rows.CountAsync(host, "conversation_references", "team_id = @team", new { team = general.TeamId }));

        (await general.UninstallAsync()).EnsureSuccessStatusCode();

        Assert.Equal(0, await Rows.CountAsync(host, "conversation_references", "team_id = @team", new { team = general.TeamId }));
        Assert.DoesNotContain(await host.Get<ITeamsStore>().SubscribersAsync("pottenberg"), s => s.Conversation.TeamId == general.TeamId);
    }

    [Fact]
    public async Task SomeoneFromAnotherTenant_GetsOnePoliteSentence_AndNothingIsStored()
    {
        var tables = new[] { "conversation_references", "state_documents", "audit_log", "teams_subscriptions", "residents" };
        var before = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            before[table] = await Rows.CountAsync(host, table);
        }

        var chat = Chat(TeamsScope.Personal, tenant: TeamsHost.Stranger);
        (await chat.InstallAsync()).EnsureSuccessStatusCode();
        Assert.Single(chat.Fresh());
        var replies = await chat.SayAsync("ideeën");
        await chat.SayAsync("peiling nieuw");
        var invoke = await chat.ExecuteAsync("pollResults", new { poll = "x" }, "1");

        Assert.Equal(HttpStatusCode.OK, invoke.StatusCode);
        Assert.Contains("alleen voor de professionals", await invoke.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var sentence = Assert.Single(replies);
        Assert.Equal("Sorry, deze bot is alleen voor de professionals van de Veerkrachtige Wijken in Maastricht.", sentence.Text);
        Assert.Equal(3, chat.All.Count);
        foreach (var table in tables)
        {
            Assert.Equal(before[table], await Rows.CountAsync(host, table));
        }
    }

    [Fact]
    public async Task ATenantIdThatDiffersBetweenChannelDataAndConversation_IsRefused()
    {
        var chat = Chat(TeamsScope.Personal);
        var forged = chat.Base(Microsoft.Bot.Schema.ActivityTypes.Message, a =>
        {
            a.Text = "ideeën";
            a.Conversation.TenantId = TeamsHost.Stranger;
        });

        (await chat.PostRawAsync(forged)).EnsureSuccessStatusCode();

        Assert.Contains("alleen voor de professionals", Said.Text(Assert.Single(chat.Fresh())), StringComparison.Ordinal);
        Assert.Null(await host.Get<ITeamsStore>().FindConversationAsync("msteams", chat.ConversationId));
    }
}
