using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Text;

namespace VeerkrachtBot.Core.Language;

/// <summary>
/// The local theme and sentiment model: Microsoft.ML text featurisation (stemmed word uni- and bigrams,
/// character 3- and 4-grams) plus lexicon signals, one logistic regression per theme (multi-label) and a
/// maximum-entropy classifier for sentiment, all in one ML.NET chain so a message is featurised once.
/// </summary>
public sealed class LanguageModel
{
    /// <summary>Sentiment classes in the model's output order.</summary>
    public static readonly string[] SentimentClasses = ["mixed", "negative", "neutral", "positive"];

    private readonly ThreadLocal<PredictionEngine<ModelInput, ModelOutput>> _engines;

    private LanguageModel(MLContext ml, ITransformer transformer, ModelInfo info)
    {
        Info = info;
        _engines = new ThreadLocal<PredictionEngine<ModelInput, ModelOutput>>(() => ml.Model.CreatePredictionEngine<ModelInput, ModelOutput>(transformer));
    }

    /// <summary>Themes, their decision thresholds and where the model came from.</summary>
    public ModelInfo Info { get; }

    /// <summary>What the model file says about itself.</summary>
    /// <param name="Themes">Theme ids in output order.</param>
    /// <param name="Thresholds">Decision threshold per theme, tuned on out-of-fold predictions of the training split.</param>
    /// <param name="CorpusHash">SHA-256 of the training split it was trained on.</param>
    /// <param name="TrainedOn">Number of training messages.</param>
    public sealed record ModelInfo(IReadOnlyList<string> Themes, IReadOnlyList<float> Thresholds, string CorpusHash, int TrainedOn);

    /// <summary>Theme probabilities (in <see cref="ModelInfo.Themes"/> order) and sentiment probabilities.</summary>
    public (float[] Themes, float[] Sentiment) Predict(string text, string language)
    {
        var output = _engines.Value!.Predict(ModelInput.From(text, language));
        return (output.ThemeProbabilities, output.SentimentScores);
    }

    /// <summary>The model embedded in the Core assembly (trained from <c>corpus/train.jsonl</c>).</summary>
    public static LanguageModel LoadEmbedded()
    {
        var assembly = typeof(LanguageModel).Assembly;
        using var model = assembly.GetManifestResourceStream("VeerkrachtBot.Language.model.zip")
            ?? throw new InvalidOperationException("The language model is not embedded; run the Tools 'train' command.");
        using var info = assembly.GetManifestResourceStream("VeerkrachtBot.Language.model.json")!;
        return Load(model, info);
    }

    /// <summary>Loads a saved model.</summary>
    public static LanguageModel Load(Stream model, Stream info)
    {
        var ml = new MLContext(seed: 1);
        var transformer = ml.Model.Load(model, out _);
        return new LanguageModel(ml, transformer, JsonSerializer.Deserialize<ModelInfo>(info)!);
    }

    /// <summary>
    /// Trains on <paramref name="training"/> only, with per-theme decision thresholds tuned on out-of-fold
    /// predictions of that same split.
    /// </summary>
    public static (LanguageModel Model, Action<Stream, Stream> Save) Train(IReadOnlyList<LabelledMessage> training, IReadOnlyList<string> themes)
    {
        // Thresholds come from out-of-fold predictions over the whole training split (three folds), which is
        // steadier than one small validation part; the held-out split is never read here.
        const int folds = 3;
        var outOfFold = new float[training.Count][];
        for (var fold = 0; fold < folds; fold++)
        {
            var (_, foldTransformer) = Fit(training.Where((_, i) => i % folds != fold).ToList(), themes);
            var engine = new MLContext(seed: 1).Model.CreatePredictionEngine<ModelInput, ModelOutput>(foldTransformer);
            for (var i = fold; i < training.Count; i += folds)
            {
                outOfFold[i] = engine.Predict(ModelInput.From(training[i].Text, LanguageDetector.Detect(training[i].Text))).ThemeProbabilities;
            }
        }

        var thresholds = TuneThresholds(outOfFold, training, themes);
        var (ml, transformer) = Fit(training, themes);
        var info = new ModelInfo(themes, thresholds, Hash(training), training.Count);
        var schema = ml.Data.LoadFromEnumerable(Array.Empty<ModelInput>()).Schema;
        return (new LanguageModel(ml, transformer, info), (modelStream, infoStream) =>
        {
            ml.Model.Save(transformer, schema, modelStream);
            JsonSerializer.Serialize(infoStream, info, new JsonSerializerOptions { WriteIndented = true });
        });
    }

    /// <summary>SHA-256 of a corpus, to tell whether the embedded model was trained on the current one.</summary>
    public static string Hash(IEnumerable<LabelledMessage> messages) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', messages.Select(m => JsonSerializer.Serialize(m))))));

    private static (MLContext Ml, ITransformer Transformer) Fit(IReadOnlyList<LabelledMessage> messages, IReadOnlyList<string> themes)
    {
        var ml = new MLContext(seed: 1);
        var inputs = messages.Select(m => ModelInput.From(m.Text, LanguageDetector.Detect(m.Text), m.Sentiment)).ToList();
        var data = ml.Data.LoadFromEnumerable(inputs);
        var featurizer = ml.Transforms.Text.FeaturizeText("WordFeatures", new TextFeaturizingEstimator.Options
            {
                WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
                CharFeatureExtractor = null,
                Norm = TextFeaturizingEstimator.NormFunction.L2,
                CaseMode = TextNormalizingEstimator.CaseMode.Lower,
                KeepDiacritics = false,
                KeepPunctuations = false,
                KeepNumbers = false,
            }, nameof(ModelInput.Stems))
            .Append(ml.Transforms.Text.FeaturizeText("CharFeatures", new TextFeaturizingEstimator.Options
            {
                WordFeatureExtractor = null,
                CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 4, UseAllLengths = false },
                Norm = TextFeaturizingEstimator.NormFunction.L2,
                CaseMode = TextNormalizingEstimator.CaseMode.Lower,
                KeepDiacritics = false,
                KeepPunctuations = false,
                KeepNumbers = false,
            }, nameof(ModelInput.Text)))
            .Append(ml.Transforms.NormalizeMinMax("SignalFeatures", nameof(ModelInput.Signals)))
            .Append(ml.Transforms.NormalizeMinMax("KeywordFeatures", nameof(ModelInput.Keywords)))
            .Append(ml.Transforms.Concatenate("Features", "WordFeatures", "CharFeatures", "SignalFeatures", "KeywordFeatures"))
            .Fit(data);
        var featurized = featurizer.Transform(data);

        var chain = new List<ITransformer> { featurizer };
        var probabilityColumns = new List<string>();
        foreach (var theme in themes)
        {
            var labelled = ml.Data.LoadFromEnumerable(messages.Zip(inputs, (m, input) => input with { Label = m.Themes.Contains(theme) }));
            var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new Microsoft.ML.Trainers.LbfgsLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = nameof(ModelInput.Label),
                FeatureColumnName = "Features",
                L2Regularization = 0.05f,
                L1Regularization = 0.01f,
            });
            var model = trainer.Fit(featurizer.Transform(labelled));
            chain.Add(model);
            var column = "p_" + theme.Replace('-', '_');
            chain.Add(ml.Transforms.CopyColumns(column, "Probability").Fit(model.Transform(featurized)));
            probabilityColumns.Add(column);
        }

        var sentimentKey = ml.Transforms.Conversion.MapValueToKey("SentimentKey", nameof(ModelInput.Sentiment),
            keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue, keyData: ml.Data.LoadFromEnumerable(SentimentClasses.Select(c => new SentimentRow { Sentiment = c })));
        var keyed = sentimentKey.Fit(featurized).Transform(featurized);
        var sentiment = ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new Microsoft.ML.Trainers.LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = "SentimentKey",
            FeatureColumnName = "Features",
            L2Regularization = 0.05f,
            L1Regularization = 0.01f,
        }).Fit(keyed);
        chain.Add(sentiment);
        var withSentiment = sentiment.Transform(keyed);
        chain.Add(ml.Transforms.CopyColumns(nameof(ModelOutput.SentimentScores), "Score").Fit(withSentiment));
        var probabilities = chain.Skip(1).Aggregate(featurized, (view, t) => t.Transform(view));
        chain.Add(ml.Transforms.Concatenate(nameof(ModelOutput.ThemeProbabilities), [.. probabilityColumns]).Fit(probabilities));
        return (ml, new TransformerChain<ITransformer>([.. chain]));
    }

    private static float[] TuneThresholds(float[][] predictions, IReadOnlyList<LabelledMessage> messages, IReadOnlyList<string> themes)
    {
        var thresholds = new float[themes.Count];
        for (var t = 0; t < themes.Count; t++)
        {
            var best = (F1: -1.0, Threshold: 0.5f);
            for (var threshold = 0.1f; threshold <= 0.8f; threshold += 0.025f)
            {
                int tp = 0, fp = 0, fn = 0;
                for (var i = 0; i < messages.Count; i++)
                {
                    var predicted = predictions[i][t] >= threshold;
                    var actual = messages[i].Themes.Contains(themes[t]);
                    tp += predicted && actual ? 1 : 0;
                    fp += predicted && !actual ? 1 : 0;
                    fn += !predicted && actual ? 1 : 0;
                }

                var f1 = tp == 0 ? 0 : 2.0 * tp / (2 * tp + fp + fn);
                if (f1 > best.F1)
                {
                    best = (f1, threshold);
                }
            }

            thresholds[t] = best.Threshold;
        }

        return thresholds;
    }

    private sealed class SentimentRow
    {
        public string Sentiment { get; set; } = "";
    }

    /// <summary>What the model reads.</summary>
    internal sealed record ModelInput
    {
        public string Text { get; init; } = "";

        public string Stems { get; init; } = "";

        [VectorType(SentimentSignals.Count)]
        public float[] Signals { get; init; } = new float[SentimentSignals.Count];

        [VectorType(10)]
        public float[] Keywords { get; init; } = new float[10];

        public bool Label { get; init; }

        public string Sentiment { get; init; } = "neutral";

        public static ModelInput From(string text, string language, string sentiment = "neutral")
        {
            var stemLanguage = language == LanguageDetector.English ? "en" : "nl";
            var words = TextTokens.Words(text);
            var stems = words.Select(w => TextTokens.IsEmoji(w) ? "emoji" : TextTokens.Stem(TextTokens.Fold(w), stemLanguage));
            return new ModelInput
            {
                Keywords = ThemeKeywords.Counts(words),
                Text = text.Length > TextTokens.MaxLength ? text[..TextTokens.MaxLength] : text,
                Stems = string.Join(' ', stems),
                Signals = SentimentSignals.Compute(text, language),
                Sentiment = sentiment,
            };
        }
    }

    /// <summary>What the model says.</summary>
    internal sealed class ModelOutput
    {
        public float[] ThemeProbabilities { get; set; } = [];

        public float[] SentimentScores { get; set; } = [];
    }
}
