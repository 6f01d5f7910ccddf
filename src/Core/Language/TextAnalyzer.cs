using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Privacy;

namespace VeerkrachtBot.Core.Language;

/// <summary>Reads a resident's message: language, themes, sentiment, key phrases, and the text without personal data.</summary>
public interface ITextAnalyzer
{
    /// <summary>Analyses one message.</summary>
    Task<IdeaAnalysis> AnalyzeAsync(string text, CancellationToken cancellationToken = default);
}

/// <summary>
/// The local, in-process analysis (Dutch and English): the embedded <see cref="LanguageModel"/> for themes and
/// sentiment, rules for language, key phrases and personal data. Offline and fast.
/// </summary>
public sealed class LocalTextAnalyzer(LanguageModel model, ThemeCatalog catalog) : ITextAnalyzer
{
    /// <inheritdoc />
    public Task<IdeaAnalysis> AnalyzeAsync(string text, CancellationToken cancellationToken = default) => Task.FromResult(Analyze(text));

    /// <summary>Analyses one message synchronously (it is CPU-only work).</summary>
    public IdeaAnalysis Analyze(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var language = LanguageDetector.Detect(text);
        var redacted = PersonalDataRedactor.Redact(text);
        var (themeProbabilities, sentimentProbabilities) = model.Predict(redacted.Text, language);

        var candidates = model.Info.Themes
            .Select((id, i) => (Id: id, Probability: themeProbabilities[i], Threshold: model.Info.Thresholds[i]))
            .Where(t => catalog.Find(t.Id) is not null)
            .OrderByDescending(t => t.Probability)
            .ToList();
        var chosen = candidates.Where(t => t.Probability >= t.Threshold).ToList();
        if (chosen.Count == 0 && candidates.Count > 0 && candidates[0].Probability >= candidates[0].Threshold / 2)
        {
            // Nearly every message is about something: a clear best theme just under its threshold still counts.
            chosen.Add(candidates[0]);
        }

        var themes = chosen.Select(t => new ThemeScore(t.Id, Math.Round(t.Probability, 3), Confirmed: false)).ToList();

        var best = Array.IndexOf(sentimentProbabilities, sentimentProbabilities.Max());
        var label = LanguageModel.SentimentClasses[best] switch
        {
            "positive" => SentimentLabel.Positive,
            "negative" => SentimentLabel.Negative,
            "mixed" => SentimentLabel.Mixed,
            _ => SentimentLabel.Neutral,
        };
        var score = Math.Round(sentimentProbabilities[3] - sentimentProbabilities[1], 3);

        return new IdeaAnalysis(language, redacted.Text, themes, new Sentiment(label, score), KeyPhrases.Extract(redacted.Text, language), AnalysisSource.Local);
    }
}
