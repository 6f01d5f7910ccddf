using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Privacy;
using VeerkrachtBot.Core.Telemetry;

namespace VeerkrachtBot.Core.Language.Azure;

/// <summary>
/// Analysis by Azure AI Language (language, sentiment, key phrases, personal data), with themes from the local
/// model (the service has no classifier for our themes). The four calls run in parallel under one deadline
/// (<see cref="LanguageOptions.AzureDeadlineMilliseconds"/>, retries included). When the service is slow, throttled,
/// refuses the key or token, refuses the document or answers garbage, the message gets the full local analysis,
/// marked as such: a resident's message is never lost or held up because a cloud service is down.
/// </summary>
public sealed partial class AzureTextAnalyzer(AzureLanguageClient client, LocalTextAnalyzer local, IOptions<LanguageOptions> options, ILogger<AzureTextAnalyzer> logger, TimeProvider clock) : ITextAnalyzer
{
    /// <summary>Most key phrases kept per message.</summary>
    public const int MaxKeyPhrases = 5;

    /// <inheritdoc />
    public async Task<IdeaAnalysis> AnalyzeAsync(string text, CancellationToken cancellationToken = default)
    {
        var fallback = local.Analyze(text);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(options.Value.AzureDeadlineMilliseconds), clock);
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
            var detecting = client.DetectLanguageAsync(document, linked.Token);
            if (document[0].Language is null)
            {
                if (Only(await detecting.ConfigureAwait(false)) is not { } detection)
                {
                    return fallback;
                }

                if (detection.Language is not { Length: > 0 } found || found.StartsWith('('))
                {
                    // "(Unknown)": nothing sensible to ask the other three for.
                    CoreMetrics.AnalysisFellBack("language-unknown");
                    return fallback;
                }

                document = [new("1", text, found)];
            }

            var feeling = client.SentimentAsync(document, linked.Token);
            var phrasing = client.KeyPhrasesAsync(document, linked.Token);
            var finding = client.PiiAsync(document, linked.Token);
            await Task.WhenAll(detecting, feeling, phrasing, finding).ConfigureAwait(false);

            if (Only(await detecting.ConfigureAwait(false)) is not { } detected
                || Only(await feeling.ConfigureAwait(false)) is not { } sentiment
                || Only(await phrasing.ConfigureAwait(false)) is not { } phrases
                || Only(await finding.ConfigureAwait(false)) is not { } pii)
            {
                return fallback;
            }

            var language = detected.Language is "nl" or "en" ? detected.Language : LanguageDetector.Other;

            // The service finds names, BSNs and IBANs it was asked for; Dutch licence plates, postcodes with a house
            // number and "mijn buurman Jan" are our own rules, so they run on its output too.
            var redacted = PersonalDataRedactor.Redact(pii.RedactedText).Text;
            return fallback with
            {
                Language = language,
                RedactedText = redacted,
                Sentiment = ToSentiment(sentiment),
                KeyPhrases = SafeKeyPhrases(text, phrases.KeyPhrases, pii.Entities),
                Source = AnalysisSource.Azure,
            };
        }
        // Azure.Core reports exhausted retries of time-outs as an AggregateException of TaskCanceledExceptions; the
        // deadline (or an aborted request) cancels the calls. Either way the local analysis is the answer.
        catch (Exception ex) when (ex is RequestFailedException or AzureLanguageException or HttpRequestException or IOException or AggregateException or OperationCanceledException)
        {
            LogFallback(ex.GetType().Name, deadline.IsCancellationRequested ? "deadline passed" : ex.Message);
            CoreMetrics.AnalysisFellBack(deadline.IsCancellationRequested ? "deadline" : ex is RequestFailedException or AzureLanguageException ? "refused" : "unreachable");
            return fallback;
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

    private T? Only<T>(AzureBatch<T> batch)
        where T : class
    {
        if (batch.Results.TryGetValue("1", out var result))
        {
            return result;
        }

        var error = batch.Errors.GetValueOrDefault("1");
        LogFallback("DocumentError", error is null ? "no result" : $"{error.Code}: {error.Message}");
        // The client turns a refused request (an HTTP status) or a garbled answer into an error of its documents.
        CoreMetrics.AnalysisFellBack(error is null ? "no-result" : int.TryParse(error.Code, out _) ? "refused" : error.Code == "MalformedResponse" ? "malformed" : "document-error");
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
}
