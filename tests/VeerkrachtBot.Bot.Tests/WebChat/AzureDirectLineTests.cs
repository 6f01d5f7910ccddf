using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VeerkrachtBot.Bot.Tests.Infrastructure;

namespace VeerkrachtBot.Bot.Tests.WebChat;

/// <summary>
/// The page's token endpoint with Azure's Direct Line (local Direct Line off, a Direct Line secret set), against a
/// loopback stand-in that speaks the documented <c>tokens/generate</c> shape.
/// </summary>
public sealed class AzureDirectLineTests : IAsyncLifetime
{
    private const string Secret = "azure-directline-secret-7f3a9c";

    private readonly AllLogs _logs = new();
    private DirectLineStandIn _azure = null!;
    private BotHost _host = null!;

    public async Task InitializeAsync()
    {
        _azure = await DirectLineStandIn.StartAsync();
        _host = new BotHost()
            .With("DirectLine:LocalEnabled", "false")
            .With("DirectLine:Secret", Secret)
            .With("DirectLine:AzureDomain", _azure.Domain)
            .With("DirectLine:AzureTimeoutSeconds", "2")
            .With("WebChat:TokensPerMinutePerClient", "5")
            .WithServices(s => s.AddSingleton<ILoggerProvider>(_logs));
        await _host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_host).DisposeAsync();
        await _azure.DisposeAsync();
    }

    [Fact]
    public async Task Token_IsAzuresToken_ForAFreshDlUser_AndThePageUsesAzuresDomain()
    {
        using var client = _host.CreateHttpClient();

        var response = await client.PostAsJsonAsync("api/webchat/token", new { locale = "nl-NL" });
        var body = await response.Content.ReadAsStringAsync();
        var session = JsonDocument.Parse(body).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(_azure.Calls);
        Assert.Equal("/v3/directline/tokens/generate", call.Path);
        Assert.Equal("Bearer " + Secret, call.Authorization);
        var userId = session.GetProperty("userId").GetString()!;
        Assert.Matches("^dl_[0-9a-f]{32}$", userId);
        Assert.Equal(userId, JsonDocument.Parse(call.Body).RootElement.GetProperty("user").GetProperty("id").GetString());
        Assert.Equal(call.IssuedToken, session.GetProperty("token").GetString());
        Assert.Equal(call.ConversationId, session.GetProperty("conversationId").GetString());
        Assert.Equal(1800, session.GetProperty("expiresIn").GetInt32());
        Assert.Equal(_azure.Domain, session.GetProperty("directLineDomain").GetString());
        Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain(_logs.Lines, line => line.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EachNewVisitor_GetsAnotherUser_AndAReturningResidentKeepsTheirs()
    {
        using var client = _host.CreateHttpClient();

        var first = await SessionAsync(client, new { locale = "nl-NL" });
        var second = await SessionAsync(client, new { locale = "nl-NL" });
        var returning = await SessionAsync(client, new { userToken = first.GetProperty("userToken").GetString(), locale = "nl-NL" });

        Assert.NotEqual(first.GetProperty("userId").GetString(), second.GetProperty("userId").GetString());
        Assert.Equal(first.GetProperty("userId").GetString(), returning.GetProperty("userId").GetString());
        Assert.Equal(3, _azure.Calls.Count);
    }

    [Theory]
    [InlineData(DirectLineStandIn.Mode.Refuse)]
    [InlineData(DirectLineStandIn.Mode.Garbage)]
    [InlineData(DirectLineStandIn.Mode.Hang)]
    public async Task AzureNotAnswering_Is503WithRetryAfter_AndTheSecretIsInNoLog(DirectLineStandIn.Mode mode)
    {
        _azure.Behaviour = mode;
        using var client = _host.CreateHttpClient();

        var response = await client.PostAsJsonAsync("api/webchat/token", new { locale = "nl-NL" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.DoesNotContain(Secret, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(_logs.Lines, line => line.Contains("Azure Direct Line", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Lines, line => line.Contains(Secret, StringComparison.Ordinal));
        Assert.Empty(_host.Log.Errors);
    }

    [Fact]
    public async Task TheSameClientLimit_Holds()
    {
        using var client = _host.CreateHttpClient();
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 6; i++)
        {
            var response = await client.PostAsJsonAsync("api/webchat/token", new { locale = "nl-NL" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter);
            }
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(5, _azure.Calls.Count);
    }

    [Fact]
    public async Task ThePage_MayConnectToAzure_AndTheLocalDirectLineIsNotServed()
    {
        using var client = _host.CreateHttpClient();

        var page = await client.GetAsync("");
        var local = await client.PostAsync("v3/directline/conversations", null);

        var policy = string.Join(' ', page.Headers.GetValues("Content-Security-Policy"));
        var origin = new Uri(_azure.Domain).GetLeftPart(UriPartial.Authority);
        Assert.Contains($" {origin} {origin.Replace("http://", "ws://", StringComparison.Ordinal)};", policy);
        Assert.Equal(HttpStatusCode.NotFound, local.StatusCode);
    }

    private static async Task<JsonElement> SessionAsync(HttpClient client, object request)
    {
        var response = await client.PostAsJsonAsync("api/webchat/token", request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    /// <summary>Every log line at every level, with its exception, as a production log sink would keep it.</summary>
    private sealed class AllLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => _lines.ToList();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(AllLogs logs, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                logs._lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception} {state}");
        }
    }
}

/// <summary>Azure's Direct Line <c>tokens/generate</c> on loopback, in its documented request and answer shapes.</summary>
public sealed class DirectLineStandIn : IAsyncDisposable
{
    private readonly ConcurrentQueue<Call> _calls = new();
    private WebApplication _app = null!;

    public enum Mode
    {
        Answer,
        Refuse,
        Garbage,
        Hang,
    }

    public Mode Behaviour { get; set; } = Mode.Answer;

    public string Domain { get; private set; } = null!;

    public IReadOnlyList<Call> Calls => _calls.ToList();

    public static async Task<DirectLineStandIn> StartAsync()
    {
        var standIn = new DirectLineStandIn();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/v3/directline/tokens/generate", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var conversationId = Guid.NewGuid().ToString("N")[..22] + "-eu";
            var token = "ey.azure-token." + Guid.NewGuid().ToString("N");
            standIn._calls.Enqueue(new Call(context.Request.Path, context.Request.Headers.Authorization.ToString(), body, conversationId, token));
            switch (standIn.Behaviour)
            {
                case Mode.Refuse:
                    return Results.StatusCode(StatusCodes.Status403Forbidden);
                case Mode.Garbage:
                    return Results.Text("<html>gateway</html>", "application/json");
                case Mode.Hang:
                    await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
                    return Results.StatusCode(StatusCodes.Status504GatewayTimeout);
                default:
                    return Results.Json(new Dictionary<string, object> { ["conversationId"] = conversationId, ["token"] = token, ["expires_in"] = 1800 });
            }
        });
        await app.StartAsync();
        standIn._app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        standIn.Domain = address.TrimEnd('/') + "/v3/directline";
        return standIn;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    public sealed record Call(string Path, string Authorization, string Body, string ConversationId, string IssuedToken);
}
