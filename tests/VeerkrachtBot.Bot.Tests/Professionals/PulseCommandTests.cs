using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Bot.Tests.Security;
using VeerkrachtBot.Core.Audit;
using VeerkrachtBot.Core.Pulse;

namespace VeerkrachtBot.Bot.Tests.Professionals;

/// <summary>The programme manager sets up the pulse and enters the population from Teams; every change is audited.</summary>
public sealed class PulseCommandTests(TeamsHost host) : IClassFixture<TeamsHost>, IAsyncLifetime
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

    private TeamsChat Manager() => new(_client, _connector, TeamsHost.Municipality, TeamsHost.Manager);

    /// <summary>What the form's inputs hold as shown, as Teams sends them with a submit.</summary>
    private static JObject Inputs(Activity card, object changes)
    {
        var values = new JObject();
        foreach (var input in Said.Card(card)!.SelectTokens("$..[?(@.type =~ /Input\\..*/)]"))
        {
            values[input.Value<string>("id")!] = input["value"]?.ToString() ?? "";
        }

        values.Merge(JObject.FromObject(changes));
        return values;
    }

    [Fact]
    public async Task TheProgrammeManager_EditsAStatement_AndThePeriod_EachChangeAudited_AndResidentsGetTheNewWording()
    {
        var chat = Manager();
        await chat.SayAsync("buurtpeiling");
        var form = chat.Last;
        Assert.Contains("Ik heb invloed op wat er in mijn buurt gebeurt.", Said.Card(form)!.ToString(), StringComparison.Ordinal);

        await chat.SubmitAsync(form, "Opslaan", Inputs(form, new { nl_agency = "Ik kan meebeslissen over mijn buurt.", en_agency = "I can help decide about my neighbourhood.", order_health = "0", active_nuisance = "false", periodLength = "Month" }));
        await chat.SubmitAsync(form, "Opslaan", Inputs(form, new { nl_agency = "Ik kan meebeslissen over mijn buurt.", en_agency = "I can help decide about my neighbourhood.", order_health = "0", active_nuisance = "false", periodLength = "Month" }));

        Assert.Contains("Er was niets veranderd.", Said.Card(chat.Updates[^1])!.ToString(), StringComparison.Ordinal);
        Assert.Contains("Opgeslagen: 4 wijziging(en).", Said.Card(chat.Updates[^2])!.ToString(), StringComparison.Ordinal);
        var items = await host.Get<PulseService>().ActiveItemsAsync();
        Assert.Equal([PulseGoals.Health, PulseGoals.Agency, PulseGoals.Opportunities, PulseGoals.Liveability, PulseGoals.Community], items.Select(i => i.Key));
        Assert.Equal(PulsePeriodLength.Month, (await host.Get<PulseService>().SettingsAsync()).PeriodLength);
        var audit = await host.Get<IAuditLog>().ForTargetAsync("pulse_item", PulseGoals.Agency);
        Assert.Equal(("pulse.item.update", TeamsHost.Manager), (Assert.Single(audit).Action, audit[0].Actor));
        Assert.Equal(3, await Rows.CountAsync(host, "audit_log", "action = 'pulse.item.update'"));
        Assert.Equal(1, await Rows.CountAsync(host, "audit_log", "action = 'pulse.settings.update'"));

        // A resident gets the new wording, in the new order, without the statement taken out.
        var resident = new ResidentChat(_client, _connector);
        await resident.SendAsync(Activities.Message(_connector.ServiceUrl, resident.ConversationId, null!, value: new { action = "Neighbourhood", id = "pottenberg", then = "Pulse" }));
        Assert.Contains("Zin 1 van 5", Said.Text(resident.Last), StringComparison.Ordinal);
        await resident.ClickAsync("Eens");
        Assert.Contains("Ik kan meebeslissen over mijn buurt.", Said.Text(resident.Last), StringComparison.Ordinal);

        // Put back as it was for the other tests on this host.
        await chat.SayAsync("buurtpeiling");
        var again = chat.Last;
        await chat.SubmitAsync(again, "Opslaan", Inputs(again, new { nl_agency = "Ik heb invloed op wat er in mijn buurt gebeurt.", en_agency = "I have a say in what happens in my neighbourhood.", order_health = "5", active_nuisance = "true", periodLength = "Quarter" }));
    }

    [Fact]
    public async Task BadInput_IsShownUnderItsField_AndNothingChanges()
    {
        var chat = Manager();
        await chat.SayAsync("buurtpeiling");
        var form = chat.Last;
        var audited = await Rows.CountAsync(host, "audit_log", "action LIKE 'pulse.%'");

        await chat.SubmitAsync(form, "Opslaan", Inputs(form, new { nl_community = "", order_community = "abc", periodLength = "Weekly" }));

        var refused = Said.Card(chat.Updates[^1])!.ToString();
        Assert.Contains("Vul dit in.", refused, StringComparison.Ordinal);
        Assert.Contains("Een heel getal van 0 tot 1000.", refused, StringComparison.Ordinal);
        Assert.Equal(audited, await Rows.CountAsync(host, "audit_log", "action LIKE 'pulse.%'"));
        Assert.Equal("Mensen in mijn buurt helpen elkaar.", (await host.Get<PulseService>().ItemsAsync()).Single(i => i.Key == PulseGoals.Community).TextNl);
    }

    [Fact]
    public async Task TheProgrammeManager_EntersThePopulationPerAgeBand_Audited()
    {
        var chat = Manager();
        await chat.SayAsync("bevolking nazareth");
        var form = chat.Last;

        await chat.SubmitAsync(form, "Opslaan", new { band_0_14 = "", band_15_24 = "310", band_25_44 = "-4", source = "CBS 2025" });
        Assert.Contains("Een heel getal van 0 tot 1.000.000.", Said.Card(chat.Updates[^1])!.ToString(), StringComparison.Ordinal);
        await chat.SubmitAsync(form, "Opslaan", new { band_15_24 = "310", band_25_44 = "840", band_65plus = "505", source = "CBS 2025" });

        var figures = await host.Get<PulseService>().PopulationAsync("nazareth");
        Assert.Equal([("15-24", 310), ("25-44", 840), ("65+", 505)], figures.Select(f => (f.AgeBand, f.Population)));
        Assert.All(figures, f => Assert.Equal(("CBS 2025", TeamsHost.Manager), (f.Source, f.EnteredBy)));
        Assert.Single(await host.Get<IAuditLog>().ForTargetAsync("neighbourhood", "nazareth"), a => a.Action == "pulse.population.update");
        Assert.Contains("De bevolking van Nazareth is opgeslagen.", Said.Card(chat.Updates[^1])!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AProfessionalWhoIsNoProgrammeManager_CannotChangeThePulse()
    {
        var chat = new TeamsChat(_client, _connector, TeamsHost.Partner, TeamsHost.Professional());

        await chat.SayAsync("buurtpeiling");
        var said = chat.Last.Text;
        await chat.SubmitValueAsync(null, JObject.FromObject(new { action = "pro.pulse.save", periodLength = "Year", nl_agency = "x", en_agency = "y", order_agency = "1" }));
        await chat.SayAsync("bevolking pottenberg");

        Assert.Equal("Dat kan alleen een programmamanager.", said);
        Assert.Equal("Dat kan alleen een programmamanager.", chat.Last.Text);
        Assert.NotEqual(PulsePeriodLength.Year, (await host.Get<PulseService>().SettingsAsync()).PeriodLength);
        Assert.Equal("Ik heb invloed op wat er in mijn buurt gebeurt.", (await host.Get<PulseService>().ItemsAsync()).Single(i => i.Key == PulseGoals.Agency).TextNl);
    }
}
