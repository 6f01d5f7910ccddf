using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Privacy;
using VeerkrachtBot.Core.Telemetry;

namespace VeerkrachtBot.Core.Language.Azure;

/// <summary>
/// Analysis by Azure AI Language (language, sentiment, key phrases, personal data), with themes from the local
/// model (the service has no classifier for our themes). The four calls run in parallel under one deadline
/// (<see cref="LanguageOptions.AzureDeadlineMilliseconds"/>, retries included). When the service is slow, throttled,
/// refuses the key or token, refuses the document or answers garbage, the message gets the full local analysis,
/// marked as such: a resident's message is never lost or held up because a cloud service is down. When at least half
/// of the last 30 seconds' analyses (5 or more) found the service failing, a circuit breaker (Polly) skips it for
/// <see cref="LanguageOptions.AzureBreakSeconds"/>, so turns do not each wait out the deadline during an outage; then
/// one message tries it again.
/// </summary>
public sealed partial class AzureTextAnalyzer : ITextAnalyzer
{
    /// <summary>Most key phrases kept per message.</summary>
    public const int MaxKeyPhrases = 5;

    private readonly AzureLanguageClient _client;
    private readonly LocalTextAnalyzer _local;
    private readonly IOptions<LanguageOptions> _options;
    private readonly ILogger<AzureTextAnalyzer> _logger;
    private readonly TimeProvider _clock;
    private readonly ResiliencePipeline<Attempt> _breaker;

    public AzureTextAnalyzer(AzureLanguageClient client, LocalTextAnalyzer local, IOptions<LanguageOptions> options, ILogger<AzureTextAnalyzer> logger, TimeProvider clock)
    {
        _client = client;
        _local = local;
        _options = options;
        _logger = logger;
        _clock = clock;
        _breaker = options.Value.AzureBreakSeconds <= 0
            ? ResiliencePipeline<Attempt>.Empty
            : new ResiliencePipelineBuilder<Attempt> { TimeProvider = clock }
                .AddCircuitBreaker(new CircuitBreakerStrategyOptions<Attempt>
                {
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result.ServiceFailed),
                    FailureRatio = 0.5,
                    MinimumThroughput = 5,
                    SamplingDuration = TimeSpan.FromSeconds(30),
                    BreakDuration = TimeSpan.FromSeconds(options.Value.AzureBreakSeconds),
                    OnOpened = args =>
                    {
                        LogBreakerOpened(args.BreakDuration.TotalSeconds);
                        return default;
                    },
                    OnClosed = _ =>
                    {
                        LogBreakerClosed();
                        return default;
                    },
                })
                .Build();
    }

    /// <inheritdoc />
    public async Task<IdeaAnalysis> AnalyzeAsync(string text, CancellationToken cancellationToken = default)
    {
        var fallback = _local.Analyze(text);
        try
        {
            var attempt = await _breaker.ExecuteAsync(
                static (state, token) => new ValueTask<Attempt>(state.Self.AttemptAsync(state.Text, state.Fallback, token)),
                (Self: this, Text: text, Fallback: fallback),
                cancellationToken).ConfigureAwait(false);
            return attempt.Analysis;
        }
        catch (BrokenCircuitException)
        {
            CoreMetrics.AnalysisFellBack("circuit-open");
            return fallback;
        }
    }

    /// <summary>One try of the service; <see cref="Attempt.ServiceFailed"/> when the service itself failed (not the message).</summary>
    private async Task<Attempt> AttemptAsync(string text, IdeaAnalysis fallback, CancellationToken cancellationToken)
    {
        var failure = new Failure();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(_options.Value.AzureDeadlineMilliseconds), _clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            // Sentiment, key phrases and personal data need the document's language: the synchronous analyze-text API
            // has no automatic detection ("auto" is for the asynchronous jobs API only) and takes English when none is
            // given. Dutch and English, when the local detector finds them by their function words, are sent at once,
            // so all four calls run together; for anything else (another language, or a guess on letters alone) the
            // service's own detection goes first and the other three get what it found. The service's detection
            // decides the stored language either way.
            AzureDocument[] document = [new("1", text, LanguageDetector.DetectDutchOrEnglishByWords(text))];
            var detecting = _client.DetectLanguageAsync(document, linked.Token);
            if (document[0].Language is null)
            {
                if (Only(await detecting.ConfigureAwait(false), failure) is not { } detection)
                {
                    return new(fallback, failure.Seen);
                }

                if (detection.Language is not { Length: > 0 } found || found.StartsWith('('))
                {
                    // "(Unknown)": nothing sensible to ask the other three for.
                    CoreMetrics.AnalysisFellBack("language-unknown");
                    return new(fallback, false);
                }

                document = [new("1", text, found)];
            }

            var feeling = _client.SentimentAsync(document, linked.Token);
            var phrasing = _client.KeyPhrasesAsync(document, linked.Token);
            var finding = _client.PiiAsync(document, linked.Token);
            await Task.WhenAll(detecting, feeling, phrasing, finding).ConfigureAwait(false);

            if (Only(await detecting.ConfigureAwait(false), failure) is not { } detected
                || Only(await feeling.ConfigureAwait(false), failure) is not { } sentiment
                || Only(await phrasing.ConfigureAwait(false), failure) is not { } phrases
                || Only(await finding.ConfigureAwait(false), failure) is not { } pii)
            {
                return new(fallback, failure.Seen);
            }

            var language = detected.Language is "nl" or "en" ? detected.Language : LanguageDetector.Other;

            // The service finds names, BSNs and IBANs it was asked for; Dutch licence plates, postcodes with a house
            // number and "mijn buurman Jan" are our own rules, so they run on its output too.
            var redacted = PersonalDataRedactor.Redact(pii.RedactedText).Text;
            return new(fallback with
            {
                Language = language,
                RedactedText = redacted,
                Sentiment = ToSentiment(sentiment),
                KeyPhrases = SafeKeyPhrases(text, phrases.KeyPhrases, pii.Entities),
                Source = AnalysisSource.Azure,
            }, false);
        }
        // Azure.Core reports exhausted retries of time-outs as an AggregateException of TaskCanceledExceptions; the
        // deadline (or an aborted request) cancels the calls. Either way the local analysis is the answer.
        catch (Exception ex) when (ex is RequestFailedException or AzureLanguageException or HttpRequestException or IOException or AggregateException or OperationCanceledException)
        {
            LogFallback(ex.GetType().Name, deadline.IsCancellationRequested ? "deadline passed" : ex.Message);
            CoreMetrics.AnalysisFellBack(deadline.IsCancellationRequested ? "deadline" : ex is RequestFailedException or AzureLanguageException ? "refused" : "unreachable");
            // The turn's own cancellation (the resident's request ended) says nothing about the service.
            return new(fallback, !cancellationToken.IsCancellationRequested);
        }
    }

    /// <summary>
    /// Key phrases without personal data: a phrase is dropped when it overlaps anything the service marked as
    /// personal (found by offset in the text, in UTF-16 units as requested) or still holds something our rules redact.
    /// </summary>
    internal static IReadOnlyList<string> SafeKeyPhrases(string text, IEnumerable<string> phrases, IReadOnlyList<AzurePiiEntity> entities)
    {
        bool OverlapsEntity(string phrase)
        {
            if (entities.Any(e => phrase.Contains(e.Text, StringComparison.OrdinalIgnoreCase) || e.Text.Contains(phrase, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }

            for (var at = text.IndexOf(phrase, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(phrase, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                var end = at + phrase.Length;
                if (entities.Any(e => at < e.Offset + e.Length && e.Offset < end))
                {
                    return true;
                }
            }

            return false;
        }

        return phrases.Where(p => !OverlapsEntity(p))
            .Select(p => PersonalDataRedactor.Redact(p).Text)
            .Where(p => !p.Contains('[', StringComparison.Ordinal))
            .Take(MaxKeyPhrases)
            .ToList();
    }

    private T? Only<T>(AzureBatch<T> batch, Failure failure)
        where T : class
    {
        if (batch.Results.TryGetValue("1", out var result))
        {
            return result;
        }

        var error = batch.Errors.GetValueOrDefault("1");
        LogFallback("DocumentError", error is null ? "no result" : $"{error.Code}: {error.Message}");
        // The client turns a refused request (an HTTP status) or a garbled answer into an error of its documents; those
        // are the service failing, where an error about this one document (its language, say) is not.
        var reason = error is null ? "no-result" : int.TryParse(error.Code, out _) ? "refused" : error.Code == "MalformedResponse" ? "malformed" : "document-error";
        CoreMetrics.AnalysisFellBack(reason);
        failure.Seen |= reason != "document-error";
        return null;
    }

    private static Sentiment ToSentiment(AzureSentiment s) => new(
        s.Label switch
        {
            "positive" => SentimentLabel.Positive,
            "negative" => SentimentLabel.Negative,
            "mixed" => SentimentLabel.Mixed,
            _ => SentimentLabel.Neutral,
        },
        Math.Round(s.Positive - s.Negative, 3));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Azure AI Language failed ({Error}: {Detail}); the message was analysed locally")]
    private partial void LogFallback(string error, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Azure AI Language failed for at least half of the recent messages; it is skipped for {Seconds} s and messages are analysed locally")]
    private partial void LogBreakerOpened(double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Azure AI Language answers again; messages are analysed by it again")]
    private partial void LogBreakerClosed();

    private readonly record struct Attempt(IdeaAnalysis Analysis, bool ServiceFailed);

    private sealed class Failure
    {
        public bool Seen { get; set; }
    }
}
