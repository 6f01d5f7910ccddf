using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms;
using VeerkrachtBot.Core.Ideas;

namespace VeerkrachtBot.Core.Language;

/// <summary>
/// The local theme and sentiment model. Microsoft.ML trains it: one L-BFGS logistic regression per theme
/// (multi-label, Platt-calibrated; its features scaled by their naive-Bayes log-count ratio for that theme) and an
/// L-BFGS maximum-entropy classifier for sentiment, on the hashed features of <see cref="Features"/>, with the
/// <see cref="TrainingSettings"/>. Prediction runs those linear models directly over the sparse features, which is
/// what makes thousands of messages per second on one core possible.
/// </summary>
public sealed class LanguageModel
{
    /// <summary>Sentiment classes in the model's output order.</summary>
    public static readonly string[] SentimentClasses = ["mixed", "negative", "neutral", "positive"];

    private const int FormatVersion = 1;

    private readonly Calibration[] _themes;
    private readonly float[] _sentimentBiases;

    // All models' weights of one feature side by side (feature-major): a message touches a few hundred features,
    // and each one is then a single cache line for every model instead of one cache miss per model. This is the
    // only copy of the weights; Save reads each model's column back out of it.
    private readonly float[] _interleaved;
    private readonly int _stride;

    private LanguageModel(ModelInfo info, Calibration[] themes, float[] sentimentBiases, float[] interleaved)
    {
        Info = info;
        _themes = themes;
        _sentimentBiases = sentimentBiases;
        _stride = themes.Length + sentimentBiases.Length;
        _interleaved = interleaved;
    }

    /// <summary>Lays out per-model weight vectors feature-major: model m of feature f at f · models + m.</summary>
    private static float[] Interleave(IReadOnlyList<float[]> models)
    {
        var interleaved = new float[Features.Dimension * models.Count];
        for (var m = 0; m < models.Count; m++)
        {
            for (var f = 0; f < Features.Dimension; f++)
            {
                interleaved[f * models.Count + m] = models[m][f];
            }
        }

        return interleaved;
    }

    /// <summary>The weights of model <paramref name="model"/> (themes first, then sentiment classes).</summary>
    private float[] Column(int model)
    {
        var weights = new float[Features.Dimension];
        for (var f = 0; f < weights.Length; f++)
        {
            weights[f] = _interleaved[f * _stride + model];
        }

        return weights;
    }

    /// <summary>Themes, their decision thresholds and where the model came from.</summary>
    public ModelInfo Info { get; }

    /// <summary>What the model file says about itself.</summary>
    /// <param name="Themes">Theme ids in output order.</param>
    /// <param name="Thresholds">Decision threshold per theme, tuned on out-of-fold predictions of the training split.</param>
    /// <param name="CorpusHash">SHA-256 of the training split it was trained on.</param>
    /// <param name="TrainedOn">Number of training messages.</param>
    public sealed record ModelInfo(IReadOnlyList<string> Themes, IReadOnlyList<float> Thresholds, string CorpusHash, int TrainedOn);

    /// <summary>Theme probabilities (in <see cref="ModelInfo.Themes"/> order) and sentiment probabilities (<see cref="SentimentClasses"/> order).</summary>
    public (float[] Themes, float[] Sentiment) Predict(string text, string language) => Predict(Features.Extract(text, language));

    private (float[] Themes, float[] Sentiment) Predict((int[] Indices, float[] Values) features)
    {
        Span<float> sums = stackalloc float[_stride];
        for (var i = 0; i < features.Indices.Length; i++)
        {
            var row = _interleaved.AsSpan(features.Indices[i] * _stride, _stride);
            var value = features.Values[i];
            for (var m = 0; m < _stride; m++)
            {
                sums[m] += row[m] * value;
            }
        }

        var themes = new float[_themes.Length];
        for (var t = 0; t < _themes.Length; t++)
        {
            themes[t] = _themes[t].Probability(sums[t]);
        }

        var scores = new float[_sentimentBiases.Length];
        for (var c = 0; c < scores.Length; c++)
        {
            scores[c] = _sentimentBiases[c] + sums[_themes.Length + c];
        }

        var max = scores.Max();
        var sum = 0f;
        for (var c = 0; c < scores.Length; c++)
        {
            scores[c] = MathF.Exp(scores[c] - max);
            sum += scores[c];
        }

        for (var c = 0; c < scores.Length; c++)
        {
            scores[c] /= sum;
        }

        return (themes, scores);
    }

    /// <summary>The sentiment of the most probable class, scored as P(positive) − P(negative).</summary>
    public static Sentiment ToSentiment(IReadOnlyList<float> probabilities)
    {
        var best = 0;
        for (var c = 1; c < probabilities.Count; c++)
        {
            best = probabilities[c] > probabilities[best] ? c : best;
        }

        var label = SentimentClasses[best] switch
        {
            "positive" => SentimentLabel.Positive,
            "negative" => SentimentLabel.Negative,
            "mixed" => SentimentLabel.Mixed,
            _ => SentimentLabel.Neutral,
        };
        return new Sentiment(label, Math.Round(probabilities[3] - probabilities[1], 3));
    }

    /// <summary>The model embedded in the Core assembly (trained from <c>corpus/train.jsonl</c>).</summary>
    public static LanguageModel LoadEmbedded()
    {
        using var stream = typeof(LanguageModel).Assembly.GetManifestResourceStream("VeerkrachtBot.Language.model.bin")
            ?? throw new InvalidOperationException("The language model is not embedded; run the Tools 'train' command.");
        return Load(stream);
    }

    /// <summary>Loads a saved model.</summary>
    public static LanguageModel Load(Stream stream)
    {
        using var reader = new BinaryReader(new GZipStream(stream, CompressionMode.Decompress), Encoding.UTF8);
        if (reader.ReadInt32() != FormatVersion || reader.ReadInt32() != Features.Dimension)
        {
            throw new InvalidDataException("The language model was saved by another version; train it again.");
        }

        var info = JsonSerializer.Deserialize<ModelInfo>(reader.ReadString())!;
        var weights = new List<float[]>();
        var themes = new Calibration[info.Themes.Count];
        for (var t = 0; t < themes.Length; t++)
        {
            themes[t] = new Calibration(reader.ReadSingle(), reader.ReadSingle(), reader.ReadSingle());
            weights.Add(ReadWeights(reader));
        }

        var biases = new float[reader.ReadInt32()];
        for (var c = 0; c < biases.Length; c++)
        {
            biases[c] = reader.ReadSingle();
            weights.Add(ReadWeights(reader));
        }

        return new LanguageModel(info, themes, biases, Interleave(weights));
    }

    /// <summary>Writes the model (gzip; only non-zero weights).</summary>
    public void Save(Stream stream)
    {
        using var writer = new BinaryWriter(new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true), Encoding.UTF8);
        writer.Write(FormatVersion);
        writer.Write(Features.Dimension);
        writer.Write(JsonSerializer.Serialize(Info));
        for (var t = 0; t < _themes.Length; t++)
        {
            writer.Write(_themes[t].Bias);
            writer.Write(_themes[t].Slope);
            writer.Write(_themes[t].Offset);
            WriteWeights(writer, Column(t));
        }

        writer.Write(_sentimentBiases.Length);
        for (var c = 0; c < _sentimentBiases.Length; c++)
        {
            writer.Write(_sentimentBiases[c]);
            WriteWeights(writer, Column(_themes.Length + c));
        }
    }

    /// <summary>
    /// Trains on <paramref name="training"/> only, with per-theme decision thresholds tuned on out-of-fold
    /// predictions of that same split.
    /// </summary>
    public static LanguageModel Train(IReadOnlyList<LabelledMessage> training, IReadOnlyList<string> themes, TrainingSettings? settings = null)
    {
        settings ??= TrainingSettings.Default;
        var rows = Rows(training);

        // Thresholds come from out-of-fold predictions over the whole training split (three folds).
        var outOfFold = OutOfFold(training, rows, themes, folds: 3, settings);
        var thresholds = TuneThresholds(outOfFold.Select(p => p.Themes).ToArray(), training, themes);
        var final = Fit(training, rows, themes, thresholds, settings);
        return new LanguageModel(final.Info with { CorpusHash = Hash(training) }, final._themes, final._sentimentBiases, final._interleaved);
    }

    /// <summary>
    /// Theme and sentiment probabilities of every message from a model that did not see it (k folds by position),
    /// for choosing settings and thresholds without touching the held-out split.
    /// </summary>
    public static (float[] Themes, float[] Sentiment)[] OutOfFold(IReadOnlyList<LabelledMessage> training, IReadOnlyList<string> themes, int folds, TrainingSettings? settings = null) =>
        OutOfFold(training, Rows(training), themes, folds, settings ?? TrainingSettings.Default);

    /// <summary>Per-theme decision thresholds that maximise each theme's F1 over the given predictions.</summary>
    public static float[] TuneThresholds(float[][] predictions, IReadOnlyList<LabelledMessage> messages, IReadOnlyList<string> themes)
    {
        var thresholds = new float[themes.Count];
        for (var t = 0; t < themes.Count; t++)
        {
            var best = (F1: -1.0, Threshold: 0.5f);
            for (var threshold = 0.1f; threshold <= 0.8f; threshold += 0.025f)
            {
                var f1 = ThemeResult.Of(themes[t], messages, i => predictions[i][t] >= threshold).F1;
                if (f1 > best.F1)
                {
                    best = (f1, threshold);
                }
            }

            thresholds[t] = best.Threshold;
        }

        return thresholds;
    }

    private static List<(int[] Indices, float[] Values)> Rows(IReadOnlyList<LabelledMessage> messages) =>
        messages.Select(m => Features.Sorted(Features.Extract(m.Text, LanguageDetector.Detect(m.Text)))).ToList();

    private static (float[] Themes, float[] Sentiment)[] OutOfFold(IReadOnlyList<LabelledMessage> training, IReadOnlyList<(int[] Indices, float[] Values)> rows, IReadOnlyList<string> themes, int folds, TrainingSettings settings)
    {
        var outOfFold = new (float[] Themes, float[] Sentiment)[training.Count];
        for (var fold = 0; fold < folds; fold++)
        {
            var part = Enumerable.Range(0, training.Count).Where(i => i % folds != fold).ToList();
            var model = Fit(part.Select(i => training[i]).ToList(), part.Select(i => rows[i]).ToList(), themes, new float[themes.Count], settings);
            for (var i = fold; i < training.Count; i += folds)
            {
                outOfFold[i] = model.Predict(rows[i]);
            }
        }

        return outOfFold;
    }

    private static LanguageModel Fit(IReadOnlyList<LabelledMessage> messages, IReadOnlyList<(int[] Indices, float[] Values)> rows, IReadOnlyList<string> themes, float[] thresholds, TrainingSettings settings)
    {
        var ml = new MLContext(seed: 1);
        var schema = SchemaDefinition.Create(typeof(TrainingRow));
        schema[nameof(TrainingRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Features.Dimension);
        TrainingRow Row(int i, bool label) => new()
        {
            Features = new VBuffer<float>(Features.Dimension, rows[i].Indices.Length, rows[i].Values, rows[i].Indices),
            Label = label,
            Sentiment = messages[i].Sentiment,
        };

        var linear = new Calibration[themes.Count];
        var weights = new List<float[]>();
        for (var t = 0; t < themes.Count; t++)
        {
            var labels = messages.Select(m => m.Themes.Contains(themes[t])).ToArray();
            var ratios = settings.NaiveBayes > 0 ? LogCountRatios(rows, labels, settings.NaiveBayes) : null;
            TrainingRow Scaled(int i)
            {
                if (ratios is null)
                {
                    return Row(i, labels[i]);
                }

                var (indices, values) = rows[i];
                var scaled = new float[values.Length];
                for (var j = 0; j < values.Length; j++)
                {
                    scaled[j] = values[j] * ratios[indices[j]];
                }

                return new TrainingRow { Features = new VBuffer<float>(Features.Dimension, indices.Length, scaled, indices), Label = labels[i] };
            }

            var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, messages.Count).Select(Scaled).ToList(), schema);
            var trained = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = nameof(TrainingRow.Label),
                FeatureColumnName = nameof(TrainingRow.Features),
                L2Regularization = settings.ThemeL2,
                L1Regularization = settings.ThemeL1,
            }).Fit(data).Model;
            linear[t] = new Calibration(trained.SubModel.Bias, (float)trained.Calibrator.Slope, (float)trained.Calibrator.Offset);
            var dense = Dense(trained.SubModel.Weights);
            if (ratios is not null)
            {
                // The scaling folds into the weights, so prediction reads the unscaled features as before.
                for (var f = 0; f < dense.Length; f++)
                {
                    dense[f] *= ratios[f];
                }
            }

            weights.Add(dense);
        }

        var sentimentData = ml.Data.LoadFromEnumerable(Enumerable.Range(0, messages.Count).Select(i => Row(i, false)).ToList(), schema);
        var keyed = ml.Transforms.Conversion.MapValueToKey("SentimentKey", nameof(TrainingRow.Sentiment),
                keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue,
                keyData: ml.Data.LoadFromEnumerable(SentimentClasses.Select(c => new SentimentRow { Sentiment = c })))
            .Fit(sentimentData).Transform(sentimentData);
        var sentiment = ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = "SentimentKey",
            FeatureColumnName = nameof(TrainingRow.Features),
            L2Regularization = settings.SentimentL2,
            L1Regularization = settings.SentimentL1,
        }).Fit(keyed).Model;
        VBuffer<float>[] sentimentWeights = [];
        sentiment.GetWeights(ref sentimentWeights, out var classes);
        var biases = sentiment.GetBiases().ToArray();
        if (classes != SentimentClasses.Length)
        {
            throw new InvalidOperationException($"Expected {SentimentClasses.Length} sentiment classes, got {classes}.");
        }

        weights.AddRange(sentimentWeights.Select(Dense));
        return new LanguageModel(new ModelInfo(themes, thresholds, string.Empty, messages.Count), linear, biases, Interleave(weights));
    }

    /// <summary>
    /// Naive-Bayes log-count ratio of each feature for one theme (Wang and Manning 2012, "NBSVM"): how much more often
    /// it occurs in messages with the theme than without, smoothed by <paramref name="alpha"/>.
    /// </summary>
    private static float[] LogCountRatios(IReadOnlyList<(int[] Indices, float[] Values)> rows, bool[] labels, float alpha)
    {
        var positive = new double[Features.Dimension];
        var negative = new double[Features.Dimension];
        for (var i = 0; i < rows.Count; i++)
        {
            var counts = labels[i] ? positive : negative;
            foreach (var index in rows[i].Indices)
            {
                counts[index]++;
            }
        }

        var positiveTotal = positive.Sum() + alpha * positive.Length;
        var negativeTotal = negative.Sum() + alpha * negative.Length;
        var ratios = new float[Features.Dimension];
        for (var f = 0; f < ratios.Length; f++)
        {
            ratios[f] = (float)Math.Log((positive[f] + alpha) / positiveTotal / ((negative[f] + alpha) / negativeTotal));
        }

        return ratios;
    }

    private static float[] Dense(IReadOnlyList<float> weights)
    {
        var dense = new float[Features.Dimension];
        for (var i = 0; i < weights.Count; i++)
        {
            dense[i] = weights[i];
        }

        return dense;
    }

    private static float[] Dense(VBuffer<float> weights) => Dense(weights.DenseValues().ToArray());

    private static float[] ReadWeights(BinaryReader reader)
    {
        var weights = new float[Features.Dimension];
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            weights[reader.ReadInt32()] = reader.ReadSingle();
        }

        return weights;
    }

    private static void WriteWeights(BinaryWriter writer, float[] weights)
    {
        var nonZero = Enumerable.Range(0, weights.Length).Where(i => weights[i] != 0).ToList();
        writer.Write(nonZero.Count);
        foreach (var i in nonZero)
        {
            writer.Write(i);
            writer.Write(weights[i]);
        }
    }

    /// <summary>Bias and Platt calibration of one theme's linear model: P = 1 / (1 + exp(slope · (w·x + b) + offset)), as ML.NET computes it.</summary>
    private sealed record Calibration(float Bias, float Slope, float Offset)
    {
        public float Probability(float dot) => 1f / (1f + MathF.Exp((Slope * (Bias + dot)) + Offset));
    }

    private sealed class TrainingRow
    {
        public VBuffer<float> Features { get; set; }

        public bool Label { get; set; }

        public string Sentiment { get; set; } = "neutral";
    }

    private sealed class SentimentRow
    {
        public string Sentiment { get; set; } = "";
    }

    /// <summary>SHA-256 of a corpus, to tell whether the embedded model was trained on the current one.</summary>
    public static string Hash(IEnumerable<LabelledMessage> messages) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', messages.Select(m => JsonSerializer.Serialize(m))))));
}
