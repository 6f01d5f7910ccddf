using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace VeerkrachtBot.Core.Language.Azure;

/// <summary>Settings of the Azure AI Language client (retries, time-outs, transport) on Azure.Core.</summary>
public sealed class AzureLanguageClientOptions : ClientOptions
{
    /// <summary>The REST API version of <c>analyze-text</c>.</summary>
    public string ApiVersion { get; set; } = "2023-04-01";
}

/// <summary>Sentiment of one document, with the three confidence scores.</summary>
public sealed record AzureSentiment(string Id, string Label, double Positive, double Neutral, double Negative);

/// <summary>Personal data found in one document, and the service's redacted text.</summary>
public sealed record AzurePii(string Id, string RedactedText, IReadOnlyList<string> Categories);

/// <summary>The detected language of one document (ISO 639-1, or "(Unknown)").</summary>
public sealed record AzureDetectedLanguage(string Id, string Language, double Confidence);

/// <summary>A document to analyse.</summary>
public sealed record AzureDocument(string Id, string Text, string? Language = null);

/// <summary>The service answered, but not with a body we understand.</summary>
public sealed class AzureLanguageException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// A small client for the Azure AI Language <c>analyze-text</c> REST API on Azure.Core's HttpPipeline: key
/// authentication, retries with exponential back-off that honour Retry-After (429, 5xx), a network time-out,
/// and batching within the service's per-request document limits.
/// </summary>
public sealed class AzureLanguageClient
{
    /// <summary>Documents per request the service accepts, per kind of analysis.</summary>
    public static readonly IReadOnlyDictionary<string, int> BatchLimits = new Dictionary<string, int>
    {
        ["SentimentAnalysis"] = 10,
        ["KeyPhraseExtraction"] = 10,
        ["PiiEntityRecognition"] = 5,
        ["LanguageDetection"] = 1000,
    };

    /// <summary>Characters per document the service accepts; longer texts are cut (residents' messages are at most 2,000).</summary>
    public const int MaxDocumentLength = 5120;

    private readonly Uri _endpoint;
    private readonly HttpPipeline _pipeline;
    private readonly string _apiVersion;

    /// <summary>Creates the client for a Language resource endpoint and key.</summary>
    public AzureLanguageClient(Uri endpoint, AzureKeyCredential credential, AzureLanguageClientOptions? options = null)
    {
        options ??= new AzureLanguageClientOptions();
        _endpoint = endpoint;
        _apiVersion = options.ApiVersion;
        _pipeline = HttpPipelineBuilder.Build(options, new SubscriptionKeyPolicy(credential));
    }

    /// <summary>Adds the resource key to every request (the key can be rotated on the credential while running).</summary>
    private sealed class SubscriptionKeyPolicy(AzureKeyCredential credential) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) => message.Request.Headers.SetValue("Ocp-Apim-Subscription-Key", credential.Key);
    }

    /// <summary>Sentiment per document (with opinion mining on, as the service recommends for reviews and complaints).</summary>
    public async Task<IReadOnlyList<AzureSentiment>> SentimentAsync(IReadOnlyList<AzureDocument> documents, CancellationToken cancellationToken = default) =>
        await BatchAsync("SentimentAnalysis", new { opinionMining = true }, documents, d => new AzureSentiment(
            d.GetProperty("id").GetString()!,
            d.GetProperty("sentiment").GetString()!,
            d.GetProperty("confidenceScores").GetProperty("positive").GetDouble(),
            d.GetProperty("confidenceScores").GetProperty("neutral").GetDouble(),
            d.GetProperty("confidenceScores").GetProperty("negative").GetDouble()), cancellationToken).ConfigureAwait(false);

    /// <summary>Key phrases per document.</summary>
    public async Task<IReadOnlyList<(string Id, IReadOnlyList<string> KeyPhrases)>> KeyPhrasesAsync(IReadOnlyList<AzureDocument> documents, CancellationToken cancellationToken = default) =>
        await BatchAsync("KeyPhraseExtraction", new { }, documents, d => (d.GetProperty("id").GetString()!,
            (IReadOnlyList<string>)d.GetProperty("keyPhrases").EnumerateArray().Select(p => p.GetString()!).ToList()), cancellationToken).ConfigureAwait(false);

    /// <summary>Personal data per document, with the service's redacted text.</summary>
    public async Task<IReadOnlyList<AzurePii>> PiiAsync(IReadOnlyList<AzureDocument> documents, CancellationToken cancellationToken = default) =>
        await BatchAsync("PiiEntityRecognition", new { }, documents, d => new AzurePii(
            d.GetProperty("id").GetString()!,
            d.GetProperty("redactedText").GetString()!,
            d.GetProperty("entities").EnumerateArray().Select(e => e.GetProperty("category").GetString()!).ToList()), cancellationToken).ConfigureAwait(false);

    /// <summary>The language of each document.</summary>
    public async Task<IReadOnlyList<AzureDetectedLanguage>> DetectLanguageAsync(IReadOnlyList<AzureDocument> documents, CancellationToken cancellationToken = default) =>
        await BatchAsync("LanguageDetection", new { }, documents, d => new AzureDetectedLanguage(
            d.GetProperty("id").GetString()!,
            d.GetProperty("detectedLanguage").GetProperty("iso6391Name").GetString()!,
            d.GetProperty("detectedLanguage").GetProperty("confidenceScore").GetDouble()), cancellationToken).ConfigureAwait(false);

    private async Task<IReadOnlyList<T>> BatchAsync<T>(string kind, object parameters, IReadOnlyList<AzureDocument> documents, Func<JsonElement, T> read, CancellationToken cancellationToken)
    {
        var results = new List<T>(documents.Count);
        foreach (var batch in documents.Chunk(BatchLimits[kind]))
        {
            using var body = await SendAsync(kind, parameters, batch, cancellationToken).ConfigureAwait(false);
            try
            {
                var page = body.RootElement.GetProperty("results");
                if (page.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0)
                {
                    throw new AzureLanguageException($"The service refused {errors.GetArrayLength()} document(s): {errors[0]}");
                }

                results.AddRange(page.GetProperty("documents").EnumerateArray().Select(read));
            }
            catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new AzureLanguageException($"The {kind} response does not have the documented shape.", ex);
            }
        }

        return results;
    }

    private async Task<JsonDocument> SendAsync(string kind, object parameters, IEnumerable<AzureDocument> documents, CancellationToken cancellationToken)
    {
        var payload = new
        {
            kind,
            parameters,
            analysisInput = new
            {
                documents = documents.Select(d => kind == "LanguageDetection"
                    ? (object)new { id = d.Id, text = Cut(d.Text), countryHint = "nl" }
                    : new { id = d.Id, text = Cut(d.Text), language = d.Language ?? "nl" }),
            },
        };

        using var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = RequestMethod.Post;
        request.Uri.Reset(_endpoint);
        request.Uri.AppendPath("/language/:analyze-text", escape: false);
        request.Uri.AppendQuery("api-version", _apiVersion);
        request.Headers.Add("Content-Type", "application/json");
        request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(payload));
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);

        var response = message.Response;
        if (response.Status != 200)
        {
            throw new RequestFailedException(response);
        }

        try
        {
            return await JsonDocument.ParseAsync(response.ContentStream ?? Stream.Null, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new AzureLanguageException($"The {kind} response is not JSON.", ex);
        }
    }

    private static string Cut(string text) => text.Length <= MaxDocumentLength ? text : text[..MaxDocumentLength];
}
