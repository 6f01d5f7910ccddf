using Azure;
using Microsoft.Extensions.Logging;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Privacy;

namespace VeerkrachtBot.Core.Language.Azure;

/// <summary>
/// Analysis by Azure AI Language (language, sentiment, key phrases, personal data), with themes from the local
/// model (the service has no classifier for our themes). When the service fails — throttled past its retries,
/// 5xx, a malformed answer, a time-out — the message gets the full local analysis, marked as such: a resident's
/// message is never lost or held up because a cloud service is down.
/// </summary>
public sealed partial class AzureTextAnalyzer(AzureLanguageClient client, LocalTextAnalyzer local, ILogger<AzureTextAnalyzer> logger) : ITextAnalyzer
{
    /// <inheritdoc />
    public async Task<IdeaAnalysis> AnalyzeAsync(string text, CancellationToken cancellationToken = default)
    {
        var fallback = local.Analyze(text);
        try
        {
            var document = new AzureDocument("1", text);
            var detected = (await client.DetectLanguageAsync([document], cancellationToken).ConfigureAwait(false))[0];
            var language = detected.Language is "nl" or "en" ? detected.Language : LanguageDetector.Other;
            document = document with { Language = language == LanguageDetector.English ? "en" : "nl" };
            var sentiment = (await client.SentimentAsync([document], cancellationToken).ConfigureAwait(false))[0];
            var phrases = (await client.KeyPhrasesAsync([document], cancellationToken).ConfigureAwait(false))[0];
            var pii = (await client.PiiAsync([document], cancellationToken).ConfigureAwait(false))[0];

            // The service does not know Dutch BSNs, plates or "mijn buurman Jan": our own rules run on its output too.
            var redacted = PersonalDataRedactor.Redact(pii.RedactedText).Text;
            return fallback with
            {
                Language = language,
                RedactedText = redacted,
                Sentiment = ToSentiment(sentiment),
                KeyPhrases = phrases.KeyPhrases.Select(p => PersonalDataRedactor.Redact(p).Text).Where(p => !p.Contains('[', StringComparison.Ordinal)).Take(5).ToList(),
                Source = AnalysisSource.Azure,
            };
        }
        // Azure.Core reports exhausted retries of time-outs as an AggregateException of TaskCanceledExceptions.
        catch (Exception ex) when (ex is RequestFailedException or AzureLanguageException or HttpRequestException or IOException or AggregateException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogFallback(ex.GetType().Name, ex.Message);
            return fallback;
        }
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
