using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;
using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Core.Demo;
using VeerkrachtBot.Core.Pulse;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot.Tests.Reports;

/// <summary>
/// The public page "wat de buurt zei" over real HTTP (issue 16): a seeded year and a quarter in the bot's database,
/// <c>GET /buurt/pottenberg</c> in Dutch and English with its charts, the security and cache headers, no seeded
/// personal value anywhere in it, hidden figures that say why, and a friendly 404 for a neighbourhood we do not know.
/// </summary>
public sealed partial class NeighbourhoodPageTests : IAsyncLifetime
{
    private readonly BotHost _host = new();
    private MonitoringDemoResult _seeded = null!;

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _seeded = await MonitoringDemo.SeedAsync(_host.Get<IDatabase>(), DateTimeOffset.UtcNow);
    }

    public async Task DisposeAsync() => await ((IAsyncLifetime)_host).DisposeAsync();

    [Fact]
    public async Task Page_ShowsThemesWhatHappenedMeetingsAndPulse_InDutch_WithItsCharts()
    {
        using var client = _host.CreateHttpClient();
        var response = await client.GetAsync("buurt/pottenberg");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=300", response.Headers.CacheControl?.ToString());
        Assert.Contains("script-src 'self'", string.Join(' ', response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("<html lang=\"nl\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<h1>Wat de buurt zei: Pottenberg</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/buurt/pottenberg?lang=en\" lang=\"en\" hreflang=\"en\">Read this page in English</a>", html, StringComparison.Ordinal);
        foreach (var part in new[] { "Wat bewoners inbrachten", "Openbare ruimte", "Wat ermee gebeurde", "Gepland", "De gemeente pakt dit in de komende maanden op.", "Buurtavond: wat doen we met de speeltuin?", "Hoe bewoners de buurt zien", "Ik heb invloed op wat er in mijn buurt gebeurt", "Hoeveel bewoners meedoen", "<th scope=\"col\">Gemiddelde</th>" })
        {
            Assert.Contains(part, html, StringComparison.Ordinal);
        }

        var images = ImageTag().Matches(html).Select(m => (Src: WebUtility.HtmlDecode(m.Groups["src"].Value), Alt: WebUtility.HtmlDecode(m.Groups["alt"].Value))).ToList();
        Assert.Contains(images, i => i.Src.StartsWith("/buurt/pottenberg/deelname.png?v=", StringComparison.Ordinal) && i.Alt.StartsWith("Staafdiagram: bewoners die meededen per periode. kwartaal", StringComparison.Ordinal));
        Assert.Contains(images, i => i.Src.StartsWith("/buurt/pottenberg/peiling-agency.png?v=", StringComparison.Ordinal) && i.Alt.Contains("1 = helemaal oneens", StringComparison.Ordinal));
        foreach (var (src, _) in images)
        {
            var png = await client.GetAsync(src.TrimStart('/'));
            Assert.Equal(HttpStatusCode.OK, png.StatusCode);
            Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
            Assert.Equal("public, max-age=300", png.Headers.CacheControl?.ToString());
            Assert.Equal([0x89, 0x50, 0x4E, 0x47], (await png.Content.ReadAsByteArrayAsync()).Take(4));
        }
    }

    [Fact]
    public async Task Page_InEnglish_SaysTheSame_AndLinksBackToDutch()
    {
        using var client = _host.CreateHttpClient();
        var response = await client.GetAsync("buurt/pottenberg?lang=en");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("<h1>What the neighbourhood said: Pottenberg</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/buurt/pottenberg\" lang=\"nl\" hreflang=\"nl\">Lees deze pagina in het Nederlands</a>", html, StringComparison.Ordinal);
        foreach (var part in new[] { "What residents raised", "Public space", "What happened with it", "Planned", "Upcoming meetings", "<span lang=\"nl\">Buurtavond: wat doen we met de speeltuin?</span>", "How residents see the neighbourhood", "alt=\"Bar chart: residents taking part per period. Q" })
        {
            Assert.Contains(part, html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Wat bewoners inbrachten", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SmallerNeighbourhood_HidesSmallFigures_AndSaysWhy()
    {
        // Only five residents of Nazareth answered the pulse in the report's first quarter.
        var first = PulsePeriod.Of(DateTimeOffset.UtcNow, PulsePeriodLength.Quarter).Previous().Previous().Previous().Key;
        await _host.Get<IDatabase>().WriteAsync((connection, transaction) => connection.ExecuteAsync(
            "DELETE FROM pulse_responses WHERE neighbourhood_id = 'nazareth' AND period = @first AND resident_id NOT IN (SELECT resident_id FROM pulse_responses WHERE neighbourhood_id = 'nazareth' AND period = @first GROUP BY resident_id ORDER BY resident_id LIMIT 5)",
            new { first }, transaction));
        using var client = _host.CreateHttpClient();
        var nl = await client.GetStringAsync("buurt/nazareth");
        var en = await client.GetStringAsync("buurt/nazareth?lang=en");

        Assert.Contains("<td>minder dan 10</td>", nl, StringComparison.Ordinal);
        Assert.Contains("‘Minder dan 10’: te weinig bewoners om een getal te tonen. Zo blijft iedereen onherkenbaar.", nl, StringComparison.Ordinal);
        Assert.Contains("nog te weinig antwoorden (minder dan 10)", nl, StringComparison.Ordinal);
        Assert.Contains("<td>fewer than 10</td>", en, StringComparison.Ordinal);
        Assert.Contains("‘Fewer than 10’: too few residents to show a number.", en, StringComparison.Ordinal);
        Assert.Contains("too few answers yet (fewer than 10)", en, StringComparison.Ordinal);
        Assert.Contains("not shown, fewer than 10 residents gave a score", en, StringComparison.Ordinal);

        // No count from 1 to 9 in any table cell: small groups read "minder dan 10".
        foreach (var html in new[] { nl, en, await client.GetStringAsync("buurt/pottenberg") })
        {
            var small = Cell().Matches(html).Select(m => m.Groups[1].Value).Where(v => int.TryParse(v, out var n) && n is > 0 and < 10).ToList();
            Assert.Empty(small);
        }
    }

    [Fact]
    public async Task NoSeededPersonalValue_IsOnAnyPage()
    {
        var personal = new List<string>(_seeded.PersonalValues);
        await using (var connection = new SqliteConnection($"Data Source={_host.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            foreach (var sql in new[] { "SELECT id FROM residents", "SELECT original_text FROM ideas", "SELECT contact_detail FROM ideas WHERE contact_detail IS NOT NULL" })
            {
                await using var command = new SqliteCommand(sql, connection);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    personal.Add(reader.GetString(0));
                }
            }
        }

        Assert.Contains(personal, p => p.Contains('@', StringComparison.Ordinal));
        Assert.Contains(personal, p => p.StartsWith("06-", StringComparison.Ordinal));
        Assert.True(personal.Count > 300, $"{personal.Count} personal values");

        using var client = _host.CreateHttpClient();
        foreach (var path in new[] { "buurt/pottenberg", "buurt/pottenberg?lang=en", "buurt/nazareth", "buurt/nazareth?lang=en" })
        {
            var html = await client.GetStringAsync(path);
            var leaked = personal.Distinct(StringComparer.Ordinal).Where(p => html.Contains(p, StringComparison.OrdinalIgnoreCase) || html.Contains(WebUtility.HtmlEncode(p), StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.True(leaked.Count == 0, $"{path} holds {string.Join(" | ", leaked.Take(5))}");

            // The professionals' explanation named a phone number: the page shows it redacted.
            Assert.DoesNotContain("043-3503600", html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("buurt/nergens")]
    [InlineData("buurt/nergens?lang=en")]
    [InlineData("buurt/%3Cscript%3E")]
    public async Task UnknownNeighbourhood_GetsAFriendly404_LinkingToTheKnownOnes(string path)
    {
        using var client = _host.CreateHttpClient();
        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>Deze buurt kennen we niet</h1>", html, StringComparison.Ordinal);
        Assert.Contains("We do not know this neighbourhood", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/buurt/pottenberg\">Wat de buurt zei: Pottenberg</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/buurt/nazareth?lang=en\">What the neighbourhood said: Nazareth</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("buurt/nergens/deelname.png")]
    [InlineData("buurt/pottenberg/bestaat-niet.png")]
    [InlineData("buurt/pottenberg/deelname.svg")]
    public async Task UnknownChart_Is404(string path)
    {
        using var client = _host.CreateHttpClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task WithoutAnyData_ThePageSaysSoPlainly()
    {
        await using var empty = new BotHost();
        await empty.InitializeAsync();
        using var client = empty.CreateHttpClient();

        var response = await client.GetAsync("buurt/pottenberg");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Nog geen onderwerp waar 10 of meer bewoners iets over deelden.", html, StringComparison.Ordinal);
        Assert.Contains("Er staan nog geen bijeenkomsten gepland.", html, StringComparison.Ordinal);
        Assert.Contains("Nog geen buurtpeiling in deze periode.", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<img src=\"(?<src>[^\"]+)\"[^>]* alt=\"(?<alt>[^\"]+)\"")]
    private static partial Regex ImageTag();

    [GeneratedRegex("<td>([^<]*)</td>")]
    private static partial Regex Cell();
}
