using System.Net;
using SkiaSharp;
using VeerkrachtBot.Bot.Digests;
using VeerkrachtBot.Bot.Tests.Infrastructure;

namespace VeerkrachtBot.Bot.Tests.Digests;

public sealed class ChartTests : IAsyncLifetime
{
    private readonly BotHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public async Task DisposeAsync() => await ((IAsyncLifetime)_host).DisposeAsync();

    [Fact]
    public void Charts_ArePngsTeamsTakes_WithTheirLabelsDrawn()
    {
        var bars = Enumerable.Range(0, 10).Select(i => ($"Thema nummer {i}", 10 * i + 3)).ToList();
        var themes = ChartRenderer.HorizontalBars("themes", "Ideeën per thema", bars, "alt");
        var answers = ChartRenderer.VerticalBars("answers", "Antwoorden", [("1 Heel slecht", 3), ("2 Slecht", 4), ("3 Gaat wel", 6), ("4 Goed", 7), ("5 Heel goed", 4)], "alt");

        foreach (var chart in new[] { themes, answers })
        {
            using var bitmap = SKBitmap.Decode(chart.Png);
            Assert.Equal((chart.Width, chart.Height), (bitmap.Width, bitmap.Height));
            Assert.True(bitmap.Width <= 1024 && bitmap.Height <= 1024);
            Assert.True(chart.Png.Length < 1024 * 1024);
        }

        // The labels left of the bars are text: without a usable font that strip would stay blank.
        using var drawn = SKBitmap.Decode(themes.Png);
        var dark = 0;
        for (var x = 0; x < 120; x++)
        {
            for (var y = 40; y < drawn.Height - 10; y++)
            {
                var c = drawn.GetPixel(x, y);
                dark += c.Red + c.Green + c.Blue < 300 ? 1 : 0;
            }
        }

        Assert.True(dark > 500, $"only {dark} dark pixels where the theme labels are");
    }

    [Fact]
    public async Task SignedLink_ServesTheChart_FromAnyInstance()
    {
        var chart = ChartRenderer.VerticalBars("answers", "Antwoorden", [("1", 1), ("2", 2)], "alt");
        var url = await _host.Get<ChartLinks>().PublishAsync(chart);
        using var client = _host.CreateHttpClient();

        using var response = await client.GetAsync(url.PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(chart.Png, await response.Content.ReadAsByteArrayAsync());
        Assert.Matches("^/api/charts/[A-Za-z0-9_-]{32}\\.[A-Za-z0-9_-]{22}\\.png$", url.AbsolutePath);

        await using var other = _host.Restarted();
        await other.InitializeAsync();
        using var otherClient = other.CreateHttpClient();
        using var fromOther = await otherClient.GetAsync(url.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, fromOther.StatusCode);
    }

    [Fact]
    public async Task ForgedExpiredOrUnknown_GetABare404()
    {
        var links = _host.Get<ChartLinks>();
        var url = await links.PublishAsync(ChartRenderer.VerticalBars("answers", "Antwoorden", [("1", 1)], "alt"));
        var token = url.AbsolutePath["/api/charts/".Length..^".png".Length];
        var (payload, signature) = (token.Split('.')[0], token.Split('.')[1]);
        var expired = await links.TokenAsync(new byte[16], DateTimeOffset.UtcNow.AddMinutes(-1), default);
        var unknown = await links.TokenAsync(new byte[16], DateTimeOffset.UtcNow.AddDays(1), default);
        string[] paths =
        [
            $"/api/charts/{payload}.{(signature[0] == 'A' ? 'B' : 'A')}{signature[1..]}.png",
            $"/api/charts/{(payload[0] == 'A' ? 'B' : 'A')}{payload[1..]}.{signature}.png",
            $"/api/charts/{token}",
            $"/api/charts/{expired}.png",
            $"/api/charts/{unknown}.png",
            "/api/charts/x.png",
            $"/api/charts/{new string('a', 400)}.png",
        ];
        using var client = _host.CreateHttpClient();

        foreach (var path in paths)
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
            Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        }
    }
}
