using System.Globalization;
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

/// <summary>One piece of personal data the service found; offsets are UTF-16 code units into the sent text.</summary>
public sealed record AzurePiiEntity(string Text, string Category, int Offset, int Length);

/// <summary>Personal data found in one document, and the service's redacted text.</summary>
public sealed record AzurePii(string Id, string RedactedText, IReadOnlyList<AzurePiiEntity> Entities)
{
    /// <summary>The categories found, in order.</summary>
    public IReadOnlyList<string> Categories => Entities.Select(e => e.Category).ToList();
}

/// <summary>The detected language of one document (ISO 639-1, or "(Unknown)").</summary>
public sealed record AzureDetectedLanguage(string Id, string Language, double Confidence);

/// <summary>Key phrases of one document.</summary>
public sealed record AzureKeyPhrases(string Id, IReadOnlyList<string> KeyPhrases);

/// <summary>A document to analyse.</summary>
public sealed record AzureDocument(string Id, string Text, string? Language = null);

/// <summary>Why the service (or the client, for a text over the limit) did not analyse one document.</summary>
public sealed record AzureDocumentError(string Id, string Code, string Message);

/// <summary>
/// The answer for a batch: a result or an error per document id (one bad document does not fail the others), and
/// the service's warnings per document.
/// </summary>
public sealed record AzureBatch<T>(
    IReadOnlyDictionary<string, T> Results,
    IReadOnlyDictionary<string, AzureDocumentError> Errors,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Warnings);

/// <summary>The service answered, but not with a body we understand.</summary>
public sealed class AzureLanguageException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// A small client for the Azure AI Language <c>analyze-text</c> REST API on Azure.Core's HttpPipeline: a resource key
/// or an Entra ID token, retries with exponential back-off that honour Retry-After (429, 5xx), a network time-out,
/// batches within the service's documented limits (documents per request, 1 MB per request), and results mapped
/// back to documents by id. A failed request or a per-document error fails only those documents. Every task asks
/// the service not to log the text (<c>loggingOptOut</c>).
/// </summary>
public sealed class AzureLanguageClient
{
    /// <summary>The Entra ID scope of Azure AI services.</summary>
    public const string TokenScope = "https://cognitiveservices.azure.com/.default";

    /// <summary>Documents per request the service accepts, per kind of analysis.</summary>
    public static readonly IReadOnlyDictionary<string, int> BatchLimits = new Dictionary<string, int>
    {
        ["SentimentAnalysis"] = 10,
        ["KeyPhraseExtraction"] = 10,
        ["PiiEntityRecognition"] = 5,
        ["LanguageDetection"] = 1000,
    };

    /// <summary>
    /// Characters per document the service accepts, counted as text elements (StringInfo.LengthInTextElements).
    /// A longer text is not sent (and never cut, which could split a character): it gets an error of its own.
    /// </summary>
    public const int MaxDocumentLength = 5120;

    /// <summary>The error code this client gives a document over <see cref="MaxDocumentLength"/>.</summary>
    public const string DocumentTooLong = "DocumentTooLong";

    /// <summary>Largest request body the service accepts (1 MB); batches are split to stay under it.</summary>
    public const int MaxRequestBytes = 1_000_000;

    /// <summary>
    /// Personal data the service looks for. Besides the general categories it knows Dutch ones (BSN, Dutch tax
    /// number) and IBANs; organisations, dates and ages are left alone on purpose (a housing corporation's name or
    /// "volgende week dinsdag" is what professionals need to read).
    /// </summary>
    public static readonly IReadOnlyList<string> PiiCategories =
    [
        "Person", "PhoneNumber", "Email", "Address", "IPAddress", "InternationalBankingAccountNumber", "CreditCardNumber",
        "EUDebitCardNumber", "NLCitizensServiceNumber", "NLCitizensServiceNumberV2", "NLTaxIdentificationNumber",
        "EUPassportNumber", "EUDriversLicenseNumber", "EUGPSCoordinates",
    ];

    private readonly Uri _endpoint;
    private readonly HttpPipeline _pipeline;
    private readonly string _apiVersion;

    /// <summary>Creates the client for a Language resource endpoint and key.</summary>
    public AzureLanguageClient(Uri endpoint, AzureKeyCredential credential, AzureLanguageClientOptions? options = null)
        : this(endpoint, new SubscriptionKeyPolicy(credential), options)
    {
    }

    /// <summary>Creates the client for a Language resource endpoint and an Entra ID credential (a managed identity).</summary>
    public AzureLanguageClient(Uri endpoint, TokenCredential credential, AzureLanguageClientOptions? options = null)
        : this(endpoint, new BearerTokenAuthenticationPolicy(credential, TokenScope), options)
    {
    }

    private AzureLanguageClient(Uri endpoint, HttpPipelinePolicy authentication, AzureLanguageClientOptions? options)
    {
        options ??= new AzureLanguageClientOptions();
        _endpoint = endpoint;
        _apiVersion = options.ApiVersion;
        _pipeline = HttpPipelineBuilder.Build(options, authentication);
    }

    /// <summary>Adds the resource key to every request (the key can be rotated on the credential while running).</summary>
    private sealed class SubscriptionKeyPolicy(AzureKeyCredential credential) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) => message.Request.Headers.SetValue("Ocp-Apim-Subscription-Key", credential.Key);
    }

    /// <summary>
    /// Sentiment per document. Opinion mining is not requested: nothing in the bot shows its targets and assessments,
    /// and they would quote residents' words (names too) that then need redacting again.
    /// </summary>
    public Task<AzureBatch<AzureSentiment>> SentimentAsync(IReadOnlyList<AzureDocument> documents, CancellationToken cancellationToken = default) =>
        BatchAsync("SentimentAnalysis", new { loggingOptOut = true, stringIndexType = "Utf16CodeUnit", opinionMining = false }, documents, d => new AzureSentiment(
            d.GetProperty("id").GetString()!,
            d.GetProperty("sentiment").GetString()!,
            d.GetProperty("confidenceScores").GetProperty("positive").GetDouble(),
            d.GetProperty("confidenceScores").GetProperty("neutral").GetDouble(),
            d.GetProperty("confidenceScores").GetProperty("negative").GetDouble()), cancellationToken);

    /// <summary>Key phrases per document.</summary>
    public Task<AzureBatch<AzureKeyPhrases>> KeyPhrasesAsync(IReadOnlyList<AzureDocument> documents, CancellationToken cancellationToken = default) =>
        BatchAsync("KeyPhraseExtraction", new { loggingOptOut = true }, documents, d => new AzureKeyPhrases(d.GetProperty("id").GetString()!,
            d.GetProperty("keyPhrases").EnumerateArray().Select(p => p.GetString()!).ToList()), cancellationToken);

    /// <summary>Personal data per document (the categories in <see cref="PiiCategories"/>), with the service's redacted text.</summary>
    public Task<AzureBatch<AzurePii>> PiiAsync(IReadOnlyList<AzureDocument> documents, CancellationToken cancellationToken = default) =>
        BatchAsync("PiiEntityRecognition", new { loggingOptOut = true, stringIndexType = "Utf16CodeUnit", piiCategories = PiiCategories }, documents, d => new AzurePii(
            d.GetProperty("id").GetString()!,
            d.GetProperty("redactedText").GetString()!,
            d.GetProperty("entities").EnumerateArray().Select(e => new AzurePiiEntity(
                e.GetProperty("text").GetString()!,
                e.GetProperty("category").GetString()!,
                e.GetProperty("offset").GetInt32(),
                e.GetProperty("length").GetInt32())).ToList()), cancellationToken);

    /// <summary>The language of each document.</summary>
    public Task<AzureBatch<AzureDetectedLanguage>> DetectLanguageAsync(IReadOnlyList<AzureDocument> documents, CancellationToken cancellationToken = default) =>
        BatchAsync("LanguageDetection", new { loggingOptOut = true }, documents, d => new AzureDetectedLanguage(
            d.GetProperty("id").GetString()!,
            d.GetProperty("detectedLanguage").GetProperty("iso6391Name").GetString()!,
            d.GetProperty("detectedLanguage").GetProperty("confidenceScore").GetDouble()), cancellationToken);

    private async Task<AzureBatch<T>> BatchAsync<T>(string kind, object parameters, IReadOnlyList<AzureDocument> documents, Func<JsonElement, T> read, CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, T>(StringComparer.Ordinal);
        var errors = new Dictionary<string, AzureDocumentError>(StringComparer.Ordinal);
        var warnings = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var sendable = new List<AzureDocument>(documents.Count);
        foreach (var document in documents)
        {
            if (new StringInfo(document.Text).LengthInTextElements > MaxDocumentLength)
            {
                errors[document.Id] = new AzureDocumentError(document.Id, DocumentTooLong, $"Longer than the service's {MaxDocumentLength} characters; not sent.");
            }
            else
            {
                sendable.Add(document);
            }
        }

        foreach (var batch in Batches(kind, sendable))
        {
            JsonDocument body;
            try
            {
                body = await SendAsync(kind, parameters, batch, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RequestFailedException or AzureLanguageException)
            {
                // A refused or garbled request fails its own documents, not the batches before or after it.
                var code = ex is RequestFailedException failed ? failed.Status.ToString(CultureInfo.InvariantCulture) : "MalformedResponse";
                foreach (var document in batch)
                {
                    errors[document.Id] = new AzureDocumentError(document.Id, code, ex.Message);
                }

                continue;
            }

            using var owned = body;
            try
            {
                var page = body.RootElement.GetProperty("results");
                foreach (var document in page.GetProperty("documents").EnumerateArray())
                {
                    var id = document.GetProperty("id").GetString()!;
                    results[id] = read(document);
                    if (document.TryGetProperty("warnings", out var found) && found.GetArrayLength() > 0)
                    {
                        warnings[id] = found.EnumerateArray().Select(w => w.TryGetProperty("code", out var code) ? code.GetString() ?? "" : "").ToList();
                    }
                }

                if (page.TryGetProperty("errors", out var refused))
                {
                    foreach (var error in refused.EnumerateArray())
                    {
                        var id = error.GetProperty("id").GetString()!;
                        var detail = error.GetProperty("error");
                        var inner = detail.TryGetProperty("innererror", out var innerError) ? innerError : detail;
                        errors[id] = new AzureDocumentError(id, inner.GetProperty("code").GetString() ?? "", inner.TryGetProperty("message", out var message) ? message.GetString() ?? "" : "");
                    }
                }
            }
            catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException)
            {
                foreach (var document in batch.Where(d => !results.ContainsKey(d.Id)))
                {
                    errors[document.Id] = new AzureDocumentError(document.Id, "MalformedResponse", $"The {kind} response does not have the documented shape: {ex.Message}");
                }
            }

            foreach (var missing in batch.Where(d => !results.ContainsKey(d.Id) && !errors.ContainsKey(d.Id)))
            {
                errors[missing.Id] = new AzureDocumentError(missing.Id, "Missing", "The service returned neither a result nor an error for this document.");
            }
        }

        return new AzureBatch<T>(results, errors, warnings);
    }

    /// <summary>Splits documents by the service's document limit per kind and by the 1 MB request limit.</summary>
    internal static IEnumerable<List<AzureDocument>> Batches(string kind, IReadOnlyList<AzureDocument> documents)
    {
        // Room for the envelope (kind, parameters, analysisInput) and each document's JSON around its text.
        const int envelope = 4_096;
        const int perDocument = 256;
        var batch = new List<AzureDocument>();
        var bytes = envelope;
        foreach (var document in documents)
        {
            var size = perDocument + JsonSerializer.SerializeToUtf8Bytes(document.Text).Length + System.Text.Encoding.UTF8.GetByteCount(document.Id);
            if (batch.Count > 0 && (batch.Count == BatchLimits[kind] || bytes + size > MaxRequestBytes))
            {
                yield return batch;
                batch = [];
                bytes = envelope;
            }

            batch.Add(document);
            bytes += size;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
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
                    ? (object)new { id = d.Id, text = d.Text, countryHint = "nl" }
                    : new { id = d.Id, text = d.Text, language = d.Language ?? "nl" }),
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
}
