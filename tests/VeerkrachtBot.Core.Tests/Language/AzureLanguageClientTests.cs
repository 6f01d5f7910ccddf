using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Http;
using VeerkrachtBot.Core.Language.Azure;

namespace VeerkrachtBot.Core.Tests.Language;

/// <summary>
/// The Azure AI Language client against a loopback stand-in that answers with the documented response shapes,
/// and with the failures a real service has: 429 with Retry-After, 500, a malformed body, per-document errors,
/// results in another order than asked, 401.
/// </summary>
public sealed class AzureLanguageClientTests : IAsyncLifetime
{
    private LanguageServiceStandIn _service = null!;

    public async Task InitializeAsync() => _service = await LanguageServiceStandIn.StartAsync();

    public async Task DisposeAsync() => await _service.DisposeAsync();

    internal static AzureLanguageClientOptions Options(TimeSpan? networkTimeout = null)
    {
        var options = new AzureLanguageClientOptions();
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(50);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        options.Retry.NetworkTimeout = networkTimeout ?? TimeSpan.FromSeconds(100);
        return options;
    }

    private AzureLanguageClient Client(string key = LanguageServiceStandIn.Key) => new(_service.Endpoint, new AzureKeyCredential(key), Options());

    private static List<AzureDocument> Numbered(int count, Func<int, string> text) =>
        Enumerable.Range(1, count).Select(i => new AzureDocument(i.ToString(CultureInfo.InvariantCulture), text(i), "nl")).ToList();

    [Fact]
    public async Task DocumentedResponses_AreRead_AndEveryTaskAsksTheServiceNotToLogTheText()
    {
        var client = Client();
        AzureDocument[] documents = [new("1", "De speeltuin is geweldig!", "nl"), new("2", "Bel mij op 06-12345678, ik ben Jan.", "nl")];

        var sentiment = await client.SentimentAsync(documents);
        var phrases = await client.KeyPhrasesAsync(documents);
        var pii = await client.PiiAsync(documents);
        var language = await client.DetectLanguageAsync(documents);

        Assert.Equal("positive", sentiment.Results["1"].Label);
        Assert.Equal(0.9, sentiment.Results["1"].Positive, 3);
        Assert.Equal(["speeltuin"], phrases.Results["1"].KeyPhrases);
        Assert.Equal("Bel mij op ***********, ik ben ***.", pii.Results["2"].RedactedText);
        Assert.Equal(["PhoneNumber", "Person"], pii.Results["2"].Categories);
        Assert.Equal(new AzurePiiEntity("06-12345678", "PhoneNumber", 11, 11), pii.Results["2"].Entities[0]);
        Assert.Equal("nl", language.Results["1"].Language);
        var sent = _service.Requests.ToList();
        Assert.Equal(["SentimentAnalysis", "KeyPhraseExtraction", "PiiEntityRecognition", "LanguageDetection"], sent.Select(r => r.Kind));
        Assert.All(sent, r => Assert.True(r.Parameters.GetProperty("loggingOptOut").GetBoolean(), r.Kind));
        Assert.False(sent[0].Parameters.GetProperty("opinionMining").GetBoolean());
        Assert.Equal("Utf16CodeUnit", sent[0].Parameters.GetProperty("stringIndexType").GetString());
        Assert.Equal("Utf16CodeUnit", sent[2].Parameters.GetProperty("stringIndexType").GetString());
        var categories = sent[2].Parameters.GetProperty("piiCategories").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Contains("NLCitizensServiceNumber", categories);
        Assert.Contains("InternationalBankingAccountNumber", categories);
        Assert.Contains("Person", categories);
    }

    [Fact]
    public async Task ManyDocuments_AreBatchedWithinTheServiceLimits()
    {
        var documents = Numbered(23, i => $"bericht {i}");

        var sentiment = await Client().SentimentAsync(documents);
        var pii = await Client().PiiAsync(documents);

        Assert.Equal(23, sentiment.Results.Count);
        Assert.Equal(23, pii.Results.Count);
        var sizes = _service.Requests.Select(r => (r.Kind, r.Ids.Count)).ToList();
        Assert.Equal([10, 10, 3], sizes.Where(s => s.Kind == "SentimentAnalysis").Select(s => s.Count));
        Assert.Equal([5, 5, 5, 5, 3], sizes.Where(s => s.Kind == "PiiEntityRecognition").Select(s => s.Count));
    }

    [Fact]
    public async Task LargeDocuments_AreSplitToStayUnderTheOneMegabyteRequestLimit()
    {
        // 300 documents of 5,000 characters: within the 1,000 documents of language detection, but 1.5 MB together.
        var documents = Numbered(300, i => new string('a', 4_990) + i.ToString("D10", CultureInfo.InvariantCulture));

        var detected = await Client().DetectLanguageAsync(documents);

        Assert.Equal(300, detected.Results.Count);
        Assert.Empty(detected.Errors);
        Assert.True(_service.Requests.Count >= 2);
        Assert.All(_service.Requests, r => Assert.True(r.Bytes <= AzureLanguageClient.MaxRequestBytes, $"{r.Bytes} bytes"));
    }

    [Fact]
    public async Task PerDocumentErrors_FailOnlyThatDocument_AndResultsAreMappedById()
    {
        // The stand-in answers in reverse order, and refuses the empty document with the documented error shape.
        AzureDocument[] documents = [new("a", "De speeltuin is fijn", "nl"), new("b", "", "nl"), new("c", "De lantaarnpaal is kapot", "nl")];

        var sentiment = await Client().SentimentAsync(documents);
        var phrases = await Client().KeyPhrasesAsync(documents);

        Assert.Equal("positive", sentiment.Results["a"].Label);
        Assert.Equal("negative", sentiment.Results["c"].Label);
        Assert.Equal("InvalidDocument", sentiment.Errors["b"].Code);
        Assert.Equal(["speeltuin"], phrases.Results["a"].KeyPhrases);
        Assert.Equal(["lantaarnpaal"], phrases.Results["c"].KeyPhrases);
    }

    [Fact]
    public async Task AFailedBatch_FailsOnlyItsOwnDocuments()
    {
        var documents = Numbered(12, i => $"bericht {i} over de speeltuin");
        _service.Script.Enqueue(null);
        _service.Script.Enqueue(LanguageServiceStandIn.Status(400));

        var phrases = await Client().KeyPhrasesAsync(documents);

        // The first batch (10) was answered, the second (2) refused: nothing of the first is lost.
        Assert.Equal(10, phrases.Results.Count);
        Assert.Equal(["11", "12"], phrases.Errors.Where(e => e.Value.Code == "400").Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TextOverTheServiceLimit_IsNotSent_NorCutInsideACharacter()
    {
        // 5,119 letters and then an emoji (a surrogate pair): 5,120 text elements fit, one more does not.
        var fits = new string('a', 5_119) + "😀";
        var tooLong = new string('a', 5_119) + "😀" + "b";

        var sentiment = await Client().SentimentAsync([new("fits", fits, "nl"), new("long", tooLong, "nl")]);

        Assert.True(sentiment.Results.ContainsKey("fits"));
        Assert.Equal(AzureLanguageClient.DocumentTooLong, sentiment.Errors["long"].Code);
        var sent = Assert.Single(_service.Requests);
        Assert.Equal(["fits"], sent.Ids);
        var text = sent.Body.GetProperty("analysisInput").GetProperty("documents")[0].GetProperty("text").GetString()!;
        Assert.Equal(fits, text);
    }

    [Fact]
    public async Task Throttled_WithRetryAfter_IsRetriedAndSucceeds()
    {
        _service.Script.Enqueue(LanguageServiceStandIn.Status(429, retryAfter: "1"));

        var result = await Client().SentimentAsync([new AzureDocument("1", "fijn", "nl")]);

        Assert.Equal("positive", Assert.Single(result.Results).Value.Label);
        Assert.Equal(2, _service.Requests.Count);
    }

    [Fact]
    public async Task ServerError_IsRetried()
    {
        _service.Script.Enqueue(LanguageServiceStandIn.Status(500));

        var result = await Client().KeyPhrasesAsync([new AzureDocument("1", "de speeltuin", "nl")]);

        Assert.Single(result.Results);
        Assert.Equal(2, _service.Requests.Count);
    }

    [Fact]
    public async Task PersistentFailure_Malformed_AndWrongKey_AreErrorsOfTheDocuments()
    {
        for (var i = 0; i < 4; i++)
        {
            _service.Script.Enqueue(LanguageServiceStandIn.Status(503));
        }

        Assert.Equal("503", (await Client().SentimentAsync([new AzureDocument("1", "x", "nl")])).Errors["1"].Code);

        _service.Script.Enqueue(context => context.Response.WriteAsync("{\"kind\":\"SentimentAnalysisResults\",\"results\":"));
        Assert.Equal("MalformedResponse", (await Client().SentimentAsync([new AzureDocument("1", "x", "nl")])).Errors["1"].Code);

        _service.Script.Enqueue(context => context.Response.WriteAsync("""{"kind":"SentimentAnalysisResults","results":{"documents":[{"id":"1"}],"errors":[]}}"""));
        Assert.Equal("MalformedResponse", (await Client().SentimentAsync([new AzureDocument("1", "x", "nl")])).Errors["1"].Code);

        Assert.Equal("401", (await Client(key: "wrong").SentimentAsync([new AzureDocument("1", "x", "nl")])).Errors["1"].Code);
    }

    [Fact]
    public async Task EntraId_TheTokenIsRequestedForTheCognitiveServicesScope_AndSentAsBearer()
    {
        var credential = new RecordingCredential(LanguageServiceStandIn.Token);
        var options = Options();
        options.Transport = new HttpClientTransport(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == _service.Certificate.Thumbprint,
        });
        var client = new AzureLanguageClient(_service.HttpsEndpoint, credential, options);

        var result = await client.KeyPhrasesAsync([new AzureDocument("1", "de speeltuin", "nl")]);

        Assert.Equal(["speeltuin"], result.Results["1"].KeyPhrases);
        Assert.Equal(["https://cognitiveservices.azure.com/.default"], credential.Scopes.Distinct());
        var request = Assert.Single(_service.Requests);
        Assert.Equal("Bearer " + LanguageServiceStandIn.Token, request.Authorization);
        Assert.Null(request.Key);
    }

    /// <summary>A credential that hands out a fixed token and remembers which scopes were asked for.</summary>
    internal sealed class RecordingCredential(string token) : TokenCredential
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Scopes { get; } = new();

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            foreach (var scope in requestContext.Scopes)
            {
                Scopes.Enqueue(scope);
            }

            return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
