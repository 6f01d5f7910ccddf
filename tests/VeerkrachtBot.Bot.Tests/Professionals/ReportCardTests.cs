using System.Net;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Core.Demo;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot.Tests.Professionals;

/// <summary>
/// "rapportage" in Teams (issue 16): over a seeded year a professional (not only the programme manager) gets the
/// neighbourhood's headline figures, its chart by a working link, and links to the public page and the full report;
/// small groups are hidden; without a neighbourhood, or with a word it does not know, the card asks which one.
/// </summary>
public sealed class ReportCardTests : IAsyncLifetime
{
    private readonly TeamsHost _host = new();
    private LoopbackConnector _connector = null!;
    private HttpClient _client = null!;
    private MonitoringDemoResult _seeded = null!;

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _seeded = await MonitoringDemo.SeedAsync(_host.Get<IDatabase>(), DateTimeOffset.UtcNow);
        _connector = await LoopbackConnector.StartAsync();
        _client = _host.CreateHttpClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _connector.DisposeAsync();
        await ((IAsyncLifetime)_host).DisposeAsync();
    }

    private static IEnumerable<string> Texts(JObject card) => card.SelectTokens("$..inlines[*].text").Select(t => t.ToString());

    private static string Fact(JObject card, string label) =>
        card.SelectTokens("$..[?(@.type == 'RichTextBlock')]").Select(b => b["inlines"]!.Select(i => i.Value<string>("text")).ToList())
            .Single(i => i.Count == 2 && i[0] == label + ": ")[1]!;

    [Fact]
    public async Task AProfessional_GetsTheHeadlineFigures_TheChart_AndLinksThatOpen()
    {
        var chat = new TeamsChat(_client, _connector, TeamsHost.Partner, TeamsHost.Professional());
        await chat.SayAsync("rapportage pottenberg");

        var card = Said.Card(chat.Last)!;
        var text = string.Join("\n", Texts(card));
        Assert.StartsWith("Rapportage Pottenberg: kwartaal ", Texts(card).First(), StringComparison.Ordinal);
        Assert.Contains("(loopt nog)", Texts(card).First(), StringComparison.Ordinal);
        Assert.Matches(@"^\d+ \(ervoor: \d+\)$", Fact(card, "Bewoners"));
        foreach (var label in new[] { "Nieuw", "Terug", "Gestopt" })
        {
            Assert.Matches(@"^(\d+|minder dan 10) \(ervoor: (\d+|minder dan 10)\)$", Fact(card, label));
        }

        Assert.Matches(@"^\d,\d \(\d,\d–\d,\d\), \d+ bewoners$|^minder dan 10 scores$", Fact(card, "Invloed"));
        Assert.Contains("Openbare ruimte", text, StringComparison.Ordinal);
        Assert.Contains("Wordt besproken", text, StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(card.ToString(Formatting.None)) < 28 * 1024);
        EveryProfessionalCardTests.AssertFits("rapportage", card);

        var image = card.SelectTokens("$..[?(@.type == 'Image')]").Single();
        Assert.StartsWith("Staafdiagram: bewoners die meededen per periode. kwartaal", image.Value<string>("altText"), StringComparison.Ordinal);
        var png = await _client.GetAsync(image.Value<string>("url"));
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);

        var links = card.SelectTokens("$..[?(@.type == 'Action.OpenUrl')]").ToDictionary(l => l.Value<string>("title")!, l => new Uri(l.Value<string>("url")!));
        Assert.Equal(new Uri(_host.BaseAddress, "buurt/pottenberg"), links["Pagina van de buurt"]);
        Assert.Equal(new Uri(_host.BaseAddress, "buurt/pottenberg/rapportage"), links["Hele rapportage"]);
        var full = await _client.GetAsync(links["Hele rapportage"]);
        var html = await full.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Contains("<h1>Rapportage Pottenberg</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<img src=\"/buurt/pottenberg/deelname.png?v=", html, StringComparison.Ordinal);

        // Nothing personal on the card or the full report.
        var leaked = _seeded.PersonalValues.Where(p => card.ToString().Contains(p, StringComparison.OrdinalIgnoreCase) || html.Contains(p, StringComparison.OrdinalIgnoreCase) || html.Contains(WebUtility.HtmlEncode(p), StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Empty(leaked);
    }

    [Fact]
    public async Task PerMonth_InEnglish_AndASmallNeighbourhood_HidesWhatIsSmall()
    {
        var chat = new TeamsChat(_client, _connector, TeamsHost.Municipality, TeamsHost.Manager, locale: "en-GB");
        await chat.SayAsync("report nazareth month");

        var card = Said.Card(chat.Last)!;
        var text = string.Join("\n", Texts(card));
        Assert.StartsWith("Report Nazareth: ", Texts(card).First(), StringComparison.Ordinal);
        Assert.Contains("Per month, compared with the period before.", text, StringComparison.Ordinal);
        Assert.Contains("fewer than 10", text, StringComparison.Ordinal);
        Assert.Contains("‘Fewer than 10’: too few residents to show a number.", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(^|[^\d,.])[1-9] \(", text);
        Assert.Equal(new Uri(_host.BaseAddress, "buurt/nazareth?lang=en"), new Uri(card.SelectTokens("$..[?(@.type == 'Action.OpenUrl')]").First().Value<string>("url")!));
    }

    [Fact]
    public async Task WithoutANeighbourhood_OrWithAnUnknownWord_TheCardAsksWhichOne_AndItsButtonAnswers()
    {
        var chat = new TeamsChat(_client, _connector, TeamsHost.Municipality, TeamsHost.Manager);
        await chat.SayAsync("rapportage 2026-q9");

        var ask = Said.Card(chat.Last)!;
        Assert.Contains("Dit ken ik niet: ‘2026-q9’.", string.Join("\n", Texts(ask)), StringComparison.Ordinal);

        await chat.SayAsync("rapportage");
        Assert.Contains("Van welke buurt wil je de rapportage?", string.Join("\n", Texts(Said.Card(chat.Last)!)), StringComparison.Ordinal);
        await chat.SubmitAsync(chat.Last, "Nazareth");

        Assert.StartsWith("Rapportage Nazareth: kwartaal ", Texts(Said.Card(chat.Last)!).First(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHelpCard_NamesTheReport_AndTheProgrammeManagersCommands()
    {
        var chat = new TeamsChat(_client, _connector, TeamsHost.Municipality, TeamsHost.Manager);
        await chat.SayAsync("help");

        var text = string.Join("\n", Texts(Said.Card(chat.Last)!));
        Assert.Contains("rapportage [buurt] [maand]", text, StringComparison.Ordinal);
        Assert.Contains("‘buurtpeiling’", text, StringComparison.Ordinal);
        Assert.Contains("‘bevolking [buurt]’", text, StringComparison.Ordinal);
    }
}
