using VeerkrachtBot.Bot.Tests.Infrastructure;

namespace VeerkrachtBot.Bot.Tests.Hosting;

/// <summary>The page's frame-ancestors: only the bot's own origin by default, plus the websites configured to embed it.</summary>
public sealed class EmbeddingTests
{
    [Fact]
    public async Task ByDefault_OnlyTheBotItselfMayFrameThePage()
    {
        await using var host = new BotHost();
        await host.InitializeAsync();

        var policy = await PolicyAsync(host);

        Assert.EndsWith("frame-ancestors 'self'", policy);
    }

    [Fact]
    public async Task ConfiguredOrigins_MayFrameThePage_AndNoOtherSite()
    {
        await using var host = new BotHost()
            .With("Embedding:AllowedOrigins:0", "https://www.maastricht.nl")
            .With("Embedding:AllowedOrigins:1", "https://pottenberg.example.nl:8443/");
        await host.InitializeAsync();

        var policy = await PolicyAsync(host);

        Assert.Single(policy.Split(';'), d => d.Trim().StartsWith("frame-ancestors", StringComparison.Ordinal));
        Assert.EndsWith("frame-ancestors 'self' https://www.maastricht.nl https://pottenberg.example.nl:8443", policy);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("https://*.example.nl")]
    [InlineData("https://www.maastricht.nl/wijken")]
    [InlineData("http://www.maastricht.nl")]
    [InlineData("https://www.maastricht.nl 'unsafe-inline'")]
    [InlineData("https://www.maastricht.nl; script-src *")]
    [InlineData("www.maastricht.nl")]
    public async Task AnythingButAnOrigin_StopsTheStart(string origin)
    {
        await using var host = new BotHost().With("Embedding:AllowedOrigins:0", origin);

        var thrown = await Record.ExceptionAsync(host.InitializeAsync);

        Assert.NotNull(thrown);
        Assert.Contains("Embedding:AllowedOrigins holds origins only", thrown.ToString());
    }

    private static async Task<string> PolicyAsync(BotHost host)
    {
        using var client = host.CreateHttpClient();
        var response = await client.GetAsync("");
        return string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
    }
}
