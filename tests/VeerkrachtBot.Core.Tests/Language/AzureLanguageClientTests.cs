using System.Collections.Concurrent;
using System.Text.Json;
using Azure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Language.Azure;

namespace VeerkrachtBot.Core.Tests.Language;

/// <summary>
/// The Azure AI Language client against a loopback HTTP server that answers with the documented response
/// shapes, and with the failures a real service has: 429 with Retry-After, 500, a malformed body, a time-out.
/// </summary>
public sealed class AzureLanguageClientTests : IAsyncLifetime
{
    private const string Key = "test-key";
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _script = new();
    private readonly ConcurrentQueue<JsonDocument> _requests = new();
    private WebApplication _server = null!;
    private Uri _endpoint = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.MapPost("/language/:analyze-text", async (HttpContext context) =>
        {
            if (context.Request.Headers["Ocp-Apim-Subscription-Key"] != Key || context.Request.Query["api-version"] != "2023-04-01")
            {
                context.Response.StatusCode = 401;
                return;
            }

            var request = await JsonDocument.ParseAsync(context.Request.Body);
            _requests.Enqueue(request);
            if (_script.TryDequeue(out var step))
            {
                await step(context);
                return;
            }

            await Documented(context, request);
        });
        await _server.StartAsync();
        _endpoint = new Uri(_server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private AzureLanguageClient Client(TimeSpan? networkTimeout = null)
    {
        var options = new AzureLanguageClientOptions();
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(50);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        options.Retry.NetworkTimeout = networkTimeout ?? TimeSpan.FromSeconds(10);
        return new AzureLanguageClient(_endpoint, new AzureKeyCredential(Key), options);
    }

    [Fact]
    public async Task DocumentedResponses_AreRead()
    {
        var client = Client();
        AzureDocument[] documents = [new("1", "De speeltuin is geweldig!", "nl"), new("2", "Bel mij op 06-12345678, ik ben Jan.", "nl")];

        var sentiment = await client.SentimentAsync(documents);
        var phrases = await client.KeyPhrasesAsync(documents);
        var pii = await client.PiiAsync(documents);
        var language = await client.DetectLanguageAsync(documents);

        Assert.Equal("positive", sentiment[0].Label);
        Assert.Equal(0.9, sentiment[0].Positive, 3);
        Assert.Equal(["speeltuin"], phrases[0].KeyPhrases);
        Assert.Equal("Bel mij op ***********, ik ben ***.", pii[1].RedactedText);
        Assert.Equal(["PhoneNumber", "Person"], pii[1].Categories);
        Assert.Equal("nl", language[0].Language);
        var sent = _requests.Select(r => r.RootElement).ToList();
        Assert.Equal(["SentimentAnalysis", "KeyPhraseExtraction", "PiiEntityRecognition", "LanguageDetection"], sent.Select(r => r.GetProperty("kind").GetString()));
        Assert.True(sent[0].GetProperty("parameters").GetProperty("opinionMining").GetBoolean());
    }

    [Fact]
    public async Task ManyDocuments_AreBatchedWithinTheServiceLimits()
    {
        var documents = Enumerable.Range(1, 23).Select(i => new AzureDocument(i.ToString(System.Globalization.CultureInfo.InvariantCulture), $"bericht {i}", "nl")).ToList();

        var sentiment = await Client().SentimentAsync(documents);
        var pii = await Client().PiiAsync(documents);

        Assert.Equal(23, sentiment.Count);
        Assert.Equal(23, pii.Count);
        var sizes = _requests.Select(r => (r.RootElement.GetProperty("kind").GetString(), r.RootElement.GetProperty("analysisInput").GetProperty("documents").GetArrayLength())).ToList();
        Assert.Equal([10, 10, 3], sizes.Where(s => s.Item1 == "SentimentAnalysis").Select(s => s.Item2));
        Assert.Equal([5, 5, 5, 5, 3], sizes.Where(s => s.Item1 == "PiiEntityRecognition").Select(s => s.Item2));
    }

    [Fact]
    public async Task Throttled_WithRetryAfter_IsRetriedAndSucceeds()
    {
        _script.Enqueue(async context =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "1";
            await context.Response.WriteAsync("""{"error":{"code":"429","message":"Rate limit is exceeded."}}""");
        });

        var result = await Client().SentimentAsync([new AzureDocument("1", "fijn", "nl")]);

        Assert.Equal("positive", Assert.Single(result).Label);
        Assert.Equal(2, _requests.Count);
    }

    [Fact]
    public async Task ServerError_IsRetried()
    {
        _script.Enqueue(context =>
        {
            context.Response.StatusCode = 500;
            return Task.CompletedTask;
        });

        var result = await Client().KeyPhrasesAsync([new AzureDocument("1", "de speeltuin", "nl")]);

        Assert.Single(result);
        Assert.Equal(2, _requests.Count);
    }

    [Fact]
    public async Task PersistentFailure_Malformed_AndTimeout_Throw()
    {
        for (var i = 0; i < 4; i++)
        {
            _script.Enqueue(context =>
            {
                context.Response.StatusCode = 503;
                return Task.CompletedTask;
            });
        }

        await Assert.ThrowsAsync<RequestFailedException>(() => Client().SentimentAsync([new AzureDocument("1", "x", "nl")]));

        _script.Enqueue(context => context.Response.WriteAsync("{\"kind\":\"SentimentAnalysisResults\",\"results\":"));
        await Assert.ThrowsAsync<AzureLanguageException>(() => Client().SentimentAsync([new AzureDocument("1", "x", "nl")]));

        _script.Enqueue(context => context.Response.WriteAsync("""{"kind":"SentimentAnalysisResults","results":{"documents":[{"id":"1"}]}}"""));
        await Assert.ThrowsAsync<AzureLanguageException>(() => Client().SentimentAsync([new AzureDocument("1", "x", "nl")]));
    }

    [Fact]
    public async Task Analyzer_WhenTheServiceWorks_UsesItAndMarksAzure()
    {
        var analyzer = new AzureTextAnalyzer(Client(), Local(), NullLogger<AzureTextAnalyzer>.Instance);

        var analysis = await analyzer.AnalyzeAsync("Bel mij op 06-12345678, de speeltuin is geweldig!");

        Assert.Equal(AnalysisSource.Azure, analysis.Source);
        Assert.Equal(SentimentLabel.Positive, analysis.Sentiment.Label);
        Assert.DoesNotContain("06-12345678", analysis.RedactedText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("500")]
    [InlineData("malformed")]
    [InlineData("timeout")]
    [InlineData("429")]
    public async Task Analyzer_WhenTheServiceFails_TheIdeaIsStillStored_WithLocalAnalysis(string failure)
    {
        static Func<HttpContext, Task> Status(int status, string? retryAfter = null) => context =>
        {
            context.Response.StatusCode = status;
            if (retryAfter is not null)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            return Task.CompletedTask;
        };

        for (var i = 0; i < 8; i++)
        {
            _script.Enqueue(failure switch
            {
                "malformed" => context => context.Response.WriteAsync("<html>gateway</html>"),
                "timeout" => async context => await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default),
                "429" => Status(429, retryAfter: "0"),
                _ => Status(500),
            });
        }

        var analyzer = new AzureTextAnalyzer(Client(networkTimeout: TimeSpan.FromMilliseconds(300)), Local(), NullLogger<AzureTextAnalyzer>.Instance);
        var analysis = await analyzer.AnalyzeAsync("De lantaarnpaal bij de speeltuin is kapot, bel me op 06-12345678");

        await using var db = await Storage.TestDatabase.CreateAsync("sqlite");
        var domain = new Storage.Domain(db.Database);
        var resident = await domain.ResidentAsync();
        var (idea, created) = await domain.Ideas.SubmitAsync(new IdeaService.Submission($"azure-{failure}", resident.Id, "pottenberg", "tekst", false, analysis));
        Assert.True(created);
        var stored = await domain.IdeaStore.GetAsync(idea.Id);
        Assert.Equal(AnalysisSource.Local, stored!.Analysis.Source);
        Assert.DoesNotContain("06-12345678", stored.Analysis.RedactedText, StringComparison.Ordinal);
        Assert.NotEmpty(stored.Analysis.Themes);
    }

    private static LocalTextAnalyzer Local() => new(LanguageModel.LoadEmbedded(), new ThemeCatalog([]));

    /// <summary>Answers as the service documents it (analyze-text, api-version 2023-04-01).</summary>
    private static Task Documented(HttpContext context, JsonDocument request)
    {
        var kind = request.RootElement.GetProperty("kind").GetString();
        var ids = request.RootElement.GetProperty("analysisInput").GetProperty("documents").EnumerateArray()
            .Select(d => (Id: d.GetProperty("id").GetString()!, Text: d.GetProperty("text").GetString()!)).ToList();
        object documents = kind switch
        {
            "SentimentAnalysis" => ids.Select(d => new
            {
                id = d.Id,
                sentiment = "positive",
                confidenceScores = new { positive = 0.9, neutral = 0.08, negative = 0.02 },
                sentences = new[] { new { text = d.Text, sentiment = "positive", confidenceScores = new { positive = 0.9, neutral = 0.08, negative = 0.02 }, offset = 0, length = d.Text.Length, targets = Array.Empty<object>(), assessments = Array.Empty<object>() } },
                warnings = Array.Empty<object>(),
            }),
            "KeyPhraseExtraction" => ids.Select(d => new { id = d.Id, keyPhrases = new[] { "speeltuin" }, warnings = Array.Empty<object>() }),
            "PiiEntityRecognition" => ids.Select(d => new
            {
                id = d.Id,
                redactedText = d.Text.Replace("06-12345678", "***********", StringComparison.Ordinal).Replace("Jan", "***", StringComparison.Ordinal),
                entities = d.Text.Contains("06-12345678", StringComparison.Ordinal)
                    ? new object[] { new { text = "06-12345678", category = "PhoneNumber", offset = 11, length = 11, confidenceScore = 0.8 }, new { text = "Jan", category = "Person", offset = 31, length = 3, confidenceScore = 0.9 } }
                    : [],
                warnings = Array.Empty<object>(),
            }),
            _ => ids.Select(d => new { id = d.Id, detectedLanguage = new { name = "Dutch", iso6391Name = "nl", confidenceScore = 0.95 }, warnings = Array.Empty<object>() }),
        };
        return context.Response.WriteAsJsonAsync(new { kind = kind + "Results", results = new { documents, errors = Array.Empty<object>(), modelVersion = "2022-11-01" } });
    }
}
