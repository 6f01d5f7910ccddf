using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VeerkrachtBot.Core.Tests.Language;

/// <summary>One request as the stand-in received it.</summary>
public sealed record LanguageRequest(JsonElement Body, int Bytes, string? Key, string? Authorization)
{
    public string Kind => Body.GetProperty("kind").GetString()!;

    public JsonElement Parameters => Body.GetProperty("parameters");

    public IReadOnlyList<string> Ids => Body.GetProperty("analysisInput").GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("id").GetString()!).ToList();
}

/// <summary>
/// A loopback stand-in of the Azure AI Language <c>analyze-text</c> REST API (api-version 2023-04-01), answering with
/// the documented shapes: results per document id (deliberately not in request order), <c>errors[]</c> per document
/// (empty or too long text), <c>warnings[]</c>, 400 for too many documents, 413 for a body over 1 MB, 401 with the
/// documented error body for a wrong key or token. Tests script failures on top (429 with Retry-After, 5xx, garbage)
/// and can hold every answer back to play a slow service. HTTPS too, for Entra ID tokens (Azure.Core sends bearer
/// tokens over TLS only).
/// </summary>
public sealed partial class LanguageServiceStandIn : IAsyncDisposable
{
    public const string Key = "test-key";
    public const string Token = "test-entra-token";

    private static readonly Dictionary<string, int> DocumentLimits = new()
    {
        ["SentimentAnalysis"] = 10, ["KeyPhraseExtraction"] = 10, ["PiiEntityRecognition"] = 5, ["LanguageDetection"] = 1000,
    };

    private static readonly string[] KnownPhrases = ["speeltuin", "lantaarnpaal", "Jan de Vries", "parkeerplaats"];
    private static readonly string[] KnownPeople = ["Jan de Vries", "Jan"];

    private readonly WebApplication _server;
    private TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LanguageServiceStandIn(WebApplication server, X509Certificate2 certificate)
    {
        _server = server;
        Certificate = certificate;
        _gate.SetResult();
    }

    /// <summary>Answers to give, one per request (null: the documented answer), before the documented answers resume.</summary>
    public ConcurrentQueue<Func<HttpContext, Task>?> Script { get; } = new();

    /// <summary>While set, the answer to every request (an outage), after any <see cref="Script"/> steps.</summary>
    public Func<HttpContext, Task>? Outage { get; set; }

    /// <summary>Every request received, in arrival order.</summary>
    public ConcurrentQueue<LanguageRequest> Requests { get; } = new();

    public Uri Endpoint { get; private set; } = null!;

    public Uri HttpsEndpoint { get; private set; } = null!;

    public X509Certificate2 Certificate { get; }

    public static async Task<LanguageServiceStandIn> StartAsync()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o =>
        {
            o.Listen(System.Net.IPAddress.Loopback, 0);
            o.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.UseHttps(certificate));
            o.Limits.MaxRequestBodySize = null;
        });
        builder.Logging.ClearProviders();
        var server = builder.Build();
        var standIn = new LanguageServiceStandIn(server, certificate);
        server.MapPost("/language/:analyze-text", standIn.HandleAsync);
        await server.StartAsync();
        var addresses = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        standIn.Endpoint = new Uri(addresses.First(a => a.StartsWith("http:", StringComparison.Ordinal)));
        standIn.HttpsEndpoint = new Uri(addresses.First(a => a.StartsWith("https:", StringComparison.Ordinal)));
        return standIn;
    }

    /// <summary>From now on every request waits (a slow service) until <see cref="Release"/>.</summary>
    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate.TrySetResult();

    /// <summary>Waits until at least <paramref name="count"/> requests have arrived.</summary>
    public async Task ReceivedAsync(int count)
    {
        // Generous: on a 2-core machine with a load average above 20 four parallel TLS requests took more than 30 s to arrive.
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (Requests.Count < count)
        {
            await Task.Delay(10, guard.Token);
        }
    }

    public static Func<HttpContext, Task> Status(int status, string? retryAfter = null) => context =>
    {
        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        return context.Response.WriteAsync($$$"""{"error":{"code":"{{{status}}}","message":"Scripted failure."}}""");
    };

    public async ValueTask DisposeAsync()
    {
        Release();
        await _server.DisposeAsync();
        Certificate.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var key = context.Request.Headers["Ocp-Apim-Subscription-Key"].FirstOrDefault();
        var authorization = context.Request.Headers.Authorization.FirstOrDefault();
        if (key != Key && authorization != "Bearer " + Token)
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("""{"error":{"code":"401","message":"Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource."}}""");
            return;
        }

        if (context.Request.Query["api-version"] != "2023-04-01")
        {
            context.Response.StatusCode = 404;
            return;
        }

        var body = JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
        var request = new LanguageRequest(body, (int)buffer.Length, key, authorization);
        Requests.Enqueue(request);
        try
        {
            await _gate.Task.WaitAsync(context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (Script.TryDequeue(out var step) && step is not null)
        {
            await step(context);
            return;
        }

        if (Outage is { } outage)
        {
            await outage(context);
            return;
        }

        if (request.Bytes > 1_000_000)
        {
            context.Response.StatusCode = 413;
            await context.Response.WriteAsync("""{"error":{"code":"InvalidRequest","message":"Request Payload sent is too large to be processed. Limit request size to: 1048576","innererror":{"code":"InvalidRequestBodyFormat","message":"Request Payload sent is too large to be processed."}}}""");
            return;
        }

        if (request.Ids.Count > DocumentLimits[request.Kind])
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync($$$$"""{"error":{"code":"InvalidRequest","message":"Invalid document in request.","innererror":{"code":"InvalidDocumentBatch","message":"Batch request contains too many records. Max {{{{DocumentLimits[request.Kind]}}}} records are permitted."}}}""");
            return;
        }

        await context.Response.WriteAsJsonAsync(Documented(request));
    }

    private static object Documented(LanguageRequest request)
    {
        var documents = new List<object>();
        var errors = new List<object>();
        foreach (var d in request.Body.GetProperty("analysisInput").GetProperty("documents").EnumerateArray().Reverse())
        {
            var id = d.GetProperty("id").GetString()!;
            var text = d.GetProperty("text").GetString()!;
            if (string.IsNullOrWhiteSpace(text) || new StringInfo(text).LengthInTextElements > 5120)
            {
                errors.Add(new
                {
                    id,
                    error = new
                    {
                        code = "InvalidArgument",
                        message = "Invalid document in request.",
                        innererror = new { code = "InvalidDocument", message = text.Length == 0 ? "Document text is empty." : "A document within the request was too large to be processed. Limit document size to: 5120 text elements." },
                    },
                });
                continue;
            }

            object[] warnings = text.Length > 1000 ? [new { code = "LongWordsInDocument", message = "The document contains very long words." }] : [];
            documents.Add(request.Kind switch
            {
                "SentimentAnalysis" => new
                {
                    id,
                    sentiment = text.Contains("kapot", StringComparison.OrdinalIgnoreCase) ? "negative" : "positive",
                    confidenceScores = text.Contains("kapot", StringComparison.OrdinalIgnoreCase) ? new { positive = 0.05, neutral = 0.1, negative = 0.85 } : new { positive = 0.9, neutral = 0.08, negative = 0.02 },
                    sentences = new[] { new { text, sentiment = "positive", confidenceScores = new { positive = 0.9, neutral = 0.08, negative = 0.02 }, offset = 0, length = text.Length } },
                    warnings,
                },
                "KeyPhraseExtraction" => new { id, keyPhrases = KnownPhrases.Where(p => text.Contains(p, StringComparison.OrdinalIgnoreCase)).ToArray(), warnings },
                "PiiEntityRecognition" => Pii(id, text, warnings),
                _ => (object)new
                {
                    id,
                    detectedLanguage = Detected(text),
                    warnings,
                },
            });
        }

        return new { kind = request.Kind + "Results", results = new { documents, errors, modelVersion = "2023-09-01" } };
    }

    /// <summary>English with " the ", Polish with its own letters, nothing recognisable with "qqq", otherwise Dutch.</summary>
    private static object Detected(string text) =>
        text.Contains(" the ", StringComparison.OrdinalIgnoreCase) ? new { name = "English", iso6391Name = "en", confidenceScore = 0.97 }
        : text.IndexOfAny(['ą', 'ę', 'ł', 'ś', 'ż']) >= 0 ? new { name = "Polish", iso6391Name = "pl", confidenceScore = 0.99 }
        : text.Contains("qqq", StringComparison.Ordinal) ? new { name = "(Unknown)", iso6391Name = "(Unknown)", confidenceScore = 0.0 }
        : new { name = "Dutch", iso6391Name = "nl", confidenceScore = 0.95 };

    private static object Pii(string id, string text, object[] warnings)
    {
        var entities = new List<(string Text, string Category, int Offset)>();
        foreach (Match phone in Phone().Matches(text))
        {
            entities.Add((phone.Value, "PhoneNumber", phone.Index));
        }

        foreach (var person in KnownPeople)
        {
            var at = text.IndexOf(person, StringComparison.Ordinal);
            if (at >= 0 && !entities.Any(e => at < e.Offset + e.Text.Length && e.Offset < at + person.Length))
            {
                entities.Add((person, "Person", at));
            }
        }

        var redacted = text.ToCharArray();
        foreach (var (found, _, offset) in entities)
        {
            Array.Fill(redacted, '*', offset, found.Length);
        }

        return new
        {
            id,
            redactedText = new string(redacted),
            entities = entities.OrderBy(e => e.Offset).Select(e => new { text = e.Text, category = e.Category, offset = e.Offset, length = e.Text.Length, confidenceScore = 0.9 }).ToArray(),
            warnings,
        };
    }

    [GeneratedRegex(@"06-\d{8}")]
    private static partial Regex Phone();
}
