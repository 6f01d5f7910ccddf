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

        var themes = ThemeChoice.Choose(themeProbabilities, model.Info.Thresholds, t => catalog.Find(model.Info.Themes[t]) is not null)
            .Select(t => new ThemeScore(model.Info.Themes[t], Math.Round(themeProbabilities[t], 3), Confirmed: false))
            .ToList();

        return new IdeaAnalysis(language, redacted.Text, themes, LanguageModel.ToSentiment(sentimentProbabilities), KeyPhrases.Extract(redacted.Text, language), AnalysisSource.Local)
        {
            Urgent = UrgentMessages.Detect(text),
        };
    }
}
