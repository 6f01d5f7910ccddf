using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Language;

namespace VeerkrachtBot.Tools.Commands;

/// <summary>The language commands: split the corpus, train, evaluate on the held-out split, analyse, benchmark.</summary>
internal static class LanguageCommands
{
    private const string TrainPath = "corpus/train.jsonl";
    private const string HeldOutPath = "corpus/heldout.jsonl";
    private const string ModelFolder = "src/Core/Language/Resources";

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IEnumerable<Command> Commands() => [Split(), Train(), CrossValidate(), Evaluate(), Analyze(), Bench()];

    /// <summary>
    /// <c>split-corpus</c>: merges the written parts and splits them by a hash of each id: one in five goes to the
    /// held-out file, which training never reads. The split depends only on the id, never on the labels.
    /// </summary>
    private static Command Split()
    {
        var parts = new Argument<string[]>("parts") { Description = "corpus part files (JSON Lines)" };
        var command = new Command("split-corpus", "Merge corpus parts into corpus/train.jsonl and corpus/heldout.jsonl.") { parts };
        command.SetAction(result =>
        {
            var all = result.GetValue(parts)!.SelectMany(LabelledMessage.ReadAll).OrderBy(m => m.Id, StringComparer.Ordinal).ToList();
            var duplicates = all.GroupBy(m => m.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            if (duplicates.Count > 0)
            {
                Console.Error.WriteLine($"duplicate ids: {string.Join(", ", duplicates.Take(10))}");
                return 1;
            }

            // The same text twice (greetings like "test" that several writers used) would leak between the splits.
            var unique = all.DistinctBy(m => m.Text.Trim().ToLowerInvariant()).ToList();
            if (unique.Count < all.Count)
            {
                Console.WriteLine($"dropped {all.Count - unique.Count} repeated texts");
            }

            all = unique;
            var heldOut = all.Where(IsHeldOut).ToList();
            var train = all.Where(m => !IsHeldOut(m)).ToList();
            File.WriteAllLines(TrainPath, train.Select(m => JsonSerializer.Serialize(m, Json)));
            File.WriteAllLines(HeldOutPath, heldOut.Select(m => JsonSerializer.Serialize(m, Json)));
            Console.WriteLine($"{all.Count} messages: {train.Count} in {TrainPath}, {heldOut.Count} in {HeldOutPath}");
            return 0;
        });
        return command;
    }

    /// <summary>Whether a message belongs to the held-out split: one in five, by the first byte of SHA-256(id).</summary>
    internal static bool IsHeldOut(LabelledMessage message) => SHA256.HashData(Encoding.UTF8.GetBytes(message.Id))[0] % 5 == 0;

    private static Command Train()
    {
        var command = new Command("train", $"Train the local language model on {TrainPath} and write it to {ModelFolder}.");
        command.SetAction(_ =>
        {
            var train = LabelledMessage.ReadAll(TrainPath);
            var watch = Stopwatch.StartNew();
            var model = LanguageModel.Train(train, ThemeCatalog.Defaults.Select(t => t.Id).ToList());
            var path = Path.Combine(ModelFolder, "model.bin");
            using (var file = File.Create(path))
            {
                model.Save(file);
            }

            Console.WriteLine($"trained on {train.Count} messages in {watch.Elapsed.TotalSeconds:F1} s; model: {new FileInfo(path).Length / 1024} KiB");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// <c>cross-validate</c>: k-fold cross-validation on the training split only, for choosing model settings
    /// without ever looking at the held-out split. Each message is predicted by the model of the folds without it;
    /// a fold's thresholds are tuned on the other folds' predictions, as training tunes them.
    /// </summary>
    private static Command CrossValidate()
    {
        var folds = new Option<int>("--folds") { DefaultValueFactory = _ => 4 };
        var mistakes = new Option<bool>("--mistakes") { Description = "print the out-of-fold mistakes per theme (training split only), for error analysis" };
        var defaults = TrainingSettings.Default;
        var themeL2 = new Option<float>("--theme-l2") { DefaultValueFactory = _ => defaults.ThemeL2 };
        var themeL1 = new Option<float>("--theme-l1") { DefaultValueFactory = _ => defaults.ThemeL1 };
        var sentimentL2 = new Option<float>("--sentiment-l2") { DefaultValueFactory = _ => defaults.SentimentL2 };
        var sentimentL1 = new Option<float>("--sentiment-l1") { DefaultValueFactory = _ => defaults.SentimentL1 };
        var naiveBayes = new Option<float>("--naive-bayes") { DefaultValueFactory = _ => defaults.NaiveBayes, Description = "smoothing of the naive-Bayes feature scaling of themes (0 = off)" };
        var save = new Option<string?>("--save") { Description = "write the out-of-fold probabilities (JSON Lines: id, themes, probabilities) for analysis" };
        var command = new Command("cross-validate", $"k-fold cross-validation on {TrainPath} (never touches the held-out split).")
        {
            folds, mistakes, themeL2, themeL1, sentimentL2, sentimentL1, naiveBayes, save,
        };
        command.SetAction(result =>
        {
            var train = LabelledMessage.ReadAll(TrainPath);
            var k = result.GetValue(folds);
            var settings = new TrainingSettings(result.GetValue(themeL2), result.GetValue(themeL1), result.GetValue(sentimentL2), result.GetValue(sentimentL1), result.GetValue(naiveBayes));
            Console.WriteLine($"{settings}, {k} folds");
            var themes = ThemeCatalog.Defaults.Select(t => t.Id).ToList();
            var outOfFold = LanguageModel.OutOfFold(train, themes, k, settings);
            if (result.GetValue(save) is { } path)
            {
                File.WriteAllLines(path, train.Select((m, i) => JsonSerializer.Serialize(new { m.Id, m.Themes, m.Sentiment, Probabilities = outOfFold[i].Themes, SentimentProbabilities = outOfFold[i].Sentiment })));
            }

            var chosen = new List<string>[train.Count];
            var macro = new List<double>();
            var sentiment = new List<double>();
            for (var fold = 0; fold < k; fold++)
            {
                var others = Enumerable.Range(0, train.Count).Where(i => i % k != fold).ToList();
                var thresholds = LanguageModel.TuneThresholds(others.Select(i => outOfFold[i].Themes).ToArray(), others.Select(i => train[i]).ToList(), themes);
                var test = Enumerable.Range(0, train.Count).Where(i => i % k == fold).ToList();
                foreach (var i in test)
                {
                    chosen[i] = ThemeChoice.Choose(outOfFold[i].Themes, thresholds).Select(t => themes[t]).ToList();
                }

                var scores = Score(
                    test.Select(i => train[i]).ToList(),
                    test.Select(i => chosen[i]).ToList(),
                    test.Select(i => LanguageModel.ToSentiment(outOfFold[i].Sentiment)).ToList(),
                    themes);
                macro.Add(scores.MacroF1);
                sentiment.Add(scores.SentimentAccuracy);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fold {fold + 1}: macro-F1 {scores.MacroF1:F3}, sentiment accuracy {scores.SentimentAccuracy:F3}"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mean: macro-F1 {macro.Average():F3}, sentiment accuracy {sentiment.Average():F3}"));
            if (result.GetValue(mistakes))
            {
                PrintMistakes(train, chosen);
            }

            return 0;
        });
        return command;
    }

    /// <summary>Out-of-fold messages whose predicted themes differ from their labels: missed (-) and extra (+) themes.</summary>
    private static void PrintMistakes(IReadOnlyList<LabelledMessage> messages, IReadOnlyList<List<string>> predicted)
    {
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            var missed = message.Themes.Except(predicted[i]).Select(t => "-" + t);
            var extra = predicted[i].Except(message.Themes).Select(t => "+" + t);
            var errors = string.Join(' ', missed.Concat(extra));
            if (errors.Length > 0)
            {
                Console.WriteLine($"  mistake {message.Id} [{string.Join(',', message.Themes)}] {errors} | {message.Text}");
            }
        }
    }

    private static (double MacroF1, double SentimentAccuracy) Score(IReadOnlyList<LabelledMessage> messages, IReadOnlyList<List<string>> themesOf, IReadOnlyList<Sentiment> sentimentOf, IReadOnlyList<string> themes)
    {
        var perTheme = themes.Select(theme => ThemeResult.Of(theme, messages, i => themesOf[i].Contains(theme)).F1).ToList();
        Console.WriteLine("  " + string.Join(" ", themes.Zip(perTheme, (t, f) => string.Create(CultureInfo.InvariantCulture, $"{t}={f:F2}"))));
        var threeClass = ThreeClassPairs(messages, i => sentimentOf[i]);
        return (perTheme.Average(), threeClass.Count(x => x.Gold == x.Predicted) / (double)threeClass.Count);
    }

    /// <summary>Labelled and predicted sentiment as three classes, for the messages not labelled mixed.</summary>
    private static List<(string Gold, string Predicted)> ThreeClassPairs(IReadOnlyList<LabelledMessage> messages, Func<int, Sentiment> predicted) =>
        messages.Select((m, i) => (Gold: m.Sentiment, Predicted: ThreeClass(predicted(i)))).Where(x => x.Gold != "mixed").ToList();

    private static Command Evaluate()
    {
        var path = new Option<string>("--corpus") { Description = "labelled messages to evaluate on", DefaultValueFactory = _ => HeldOutPath };
        var parts = new Option<string?>("--parts") { Description = "only the messages of these corpus parts, e.g. 1-14 (ids pN-...)" };
        var command = new Command("evaluate", "Per-theme precision/recall/F1, macro-F1 and sentiment accuracy on the held-out split.") { path, parts };
        command.SetAction(result =>
        {
            var messages = LabelledMessage.ReadAll(result.GetValue(path)!);
            if (result.GetValue(parts) is { } range)
            {
                if (Regex.Match(range, @"^(\d+)(?:-(\d+))?$") is not { Success: true } match)
                {
                    Console.Error.WriteLine($"--parts wants a part number or a range like 1-14, not '{range}'.");
                    return 1;
                }

                var first = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                var last = match.Groups[2].Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : first;
                messages = messages.Where(m => PartOf(m.Id) is var part && part >= first && part <= last).ToList();
            }

            var model = LanguageModel.LoadEmbedded();
            var analyzer = new LocalTextAnalyzer(model, new ThemeCatalog([]));
            var predictions = messages.Select(m => analyzer.Analyze(m.Text)).ToList();
            Console.WriteLine($"held-out messages: {messages.Count} (model trained on {model.Info.TrainedOn}; the held-out split is never trained on)");
            Console.WriteLine();
            Console.WriteLine("theme             precision  recall     F1  support");
            var f1s = new List<double>();
            foreach (var theme in model.Info.Themes)
            {
                var r = ThemeResult.Of(theme, messages, i => predictions[i].Themes.Any(t => t.ThemeId == theme));
                f1s.Add(r.F1);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{theme,-16} {r.Precision,10:F3} {r.Recall,7:F3} {r.F1,6:F3} {r.Support,8}"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"theme macro-F1: {f1s.Average():F3}"));
            var exact = messages.Select((m, i) => m.Themes.Order().SequenceEqual(predictions[i].Themes.Select(t => t.ThemeId).Order())).Count(x => x);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"exact theme sets: {exact / (double)messages.Count:P1}"));

            var threeClass = ThreeClassPairs(messages, i => predictions[i].Sentiment);
            var correct = threeClass.Count(x => x.Gold == x.Predicted);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sentiment accuracy (positive / neutral / negative, {threeClass.Count} messages): {correct / (double)threeClass.Count:F3}"));
            foreach (var gold in new[] { "positive", "neutral", "negative" })
            {
                var row = threeClass.Where(x => x.Gold == gold).ToList();
                Console.WriteLine($"  {gold,-9} → " + string.Join("  ", new[] { "positive", "neutral", "negative" }.Select(p => $"{p} {row.Count(x => x.Predicted == p),3}")));
            }

            var languageCorrect = messages.Select((m, i) => m.Language == predictions[i].Language).Count(x => x);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"language accuracy (nl / en): {languageCorrect / (double)messages.Count:F3}"));
            return 0;
        });
        return command;
    }

    /// <summary>The corpus part of a message id ("p15-0001" → 15); 0 for an id of another shape.</summary>
    private static int PartOf(string id) =>
        Regex.Match(id, @"^p(\d+)-") is { Success: true } match ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    private static string ThreeClass(Sentiment sentiment) => sentiment.Label switch
    {
        SentimentLabel.Positive => "positive",
        SentimentLabel.Negative => "negative",
        SentimentLabel.Mixed => sentiment.Score >= 0 ? "positive" : "negative",
        _ => "neutral",
    };

    private static Command Analyze()
    {
        var command = new Command("analyze", "Read JSON Lines {\"id\",\"text\"} from stdin; write one analysis per line.");
        command.SetAction(async (_, cancellationToken) =>
        {
            var analyzer = new LocalTextAnalyzer(LanguageModel.LoadEmbedded(), new ThemeCatalog([]));
            var line = 0;
            while (await Console.In.ReadLineAsync(cancellationToken) is { } input)
            {
                line++;
                if (string.IsNullOrWhiteSpace(input))
                {
                    continue;
                }

                string output;
                try
                {
                    var request = JsonSerializer.Deserialize<AnalyzeRequest>(input, new JsonSerializerOptions { PropertyNameCaseInsensitive = true });
                    if (request?.Text is null)
                    {
                        throw new JsonException("missing \"text\"");
                    }

                    var analysis = analyzer.Analyze(request.Text);
                    output = JsonSerializer.Serialize(new
                    {
                        id = request.Id,
                        language = analysis.Language,
                        themes = analysis.Themes.Select(t => new { id = t.ThemeId, score = t.Score }),
                        sentiment = new { label = analysis.Sentiment.Label.ToString().ToLowerInvariant(), score = analysis.Sentiment.Score },
                        keyPhrases = analysis.KeyPhrases,
                        redacted = analysis.RedactedText,
                        urgent = analysis.Urgent is { } urgent ? new { kind = urgent.Code, score = urgent.Score } : null,
                    }, Json);
                }
                catch (JsonException ex)
                {
                    // One bad line gets an error line of its own; the rest of the input is still analysed.
                    output = JsonSerializer.Serialize(new { line, error = $"not a {{\"id\",\"text\"}} object: {ex.Message}" }, Json);
                }

                await Console.Out.WriteLineAsync(output);
            }

            return 0;
        });
        return command;
    }

    private static void Stage(string name, IReadOnlyList<string> texts, Func<string, object> work)
    {
        const int runs = 5000;
        for (var i = 0; i < 200; i++)
        {
            work(texts[i % texts.Count]);
        }

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < runs; i++)
        {
            work(texts[i % texts.Count]);
        }

        Console.WriteLine($"  {name,-40} {watch.Elapsed.TotalMilliseconds * 1000 / runs,8:F1}");
    }

    private sealed record AnalyzeRequest(JsonElement? Id, string? Text);

    private static Command Bench()
    {
        var messages = new Option<int>("--messages") { Description = "messages to analyse", DefaultValueFactory = _ => 50_000 };
        var command = new Command("bench-language", "Model load time and local analysis throughput on one core.") { messages };
        command.SetAction(result =>
        {
            var watch = Stopwatch.StartNew();
            var model = LanguageModel.LoadEmbedded();
            var analyzer = new LocalTextAnalyzer(model, new ThemeCatalog([]));
            analyzer.Analyze("eerste bericht om alles te laden");
            Console.WriteLine($"model load (embedded resource to first analysis): {watch.Elapsed.TotalMilliseconds:F0} ms");

            var corpus = File.Exists(HeldOutPath) ? LabelledMessage.ReadAll(HeldOutPath).Select(m => m.Text).ToList() : ["De lantaarnpaal bij de speeltuin is kapot"];
            var count = result.GetValue(messages);
            // Warm-up: on one core the JIT needs tens of thousands of calls to reach its optimised, profile-guided
            // tier; a long-running bot runs there, so that is what is timed.
            for (var i = 0; i < 60_000; i++)
            {
                analyzer.Analyze(corpus[i % corpus.Count]);
            }

            // Three timed rounds on one thread; the median round is the figure.
            var rounds = new List<(double Wall, double Cpu)>();
            for (var round = 0; round < 3; round++)
            {
                var before = Process.GetCurrentProcess().TotalProcessorTime;
                watch.Restart();
                for (var i = 0; i < count; i++)
                {
                    analyzer.Analyze(corpus[i % corpus.Count]);
                }

                rounds.Add((watch.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - before).TotalSeconds));
                Console.WriteLine($"round {round + 1}: {count:N0} messages in {rounds[^1].Wall:F2} s: {count / rounds[^1].Wall:N0} messages per second ({count / rounds[^1].Cpu:N0} per CPU-second)");
            }

            var median = rounds.OrderBy(r => r.Wall).ElementAt(1);
            Console.WriteLine($"throughput (median round, one thread): {count / median.Wall:N0} messages per second");
            Console.WriteLine($"working set: {Environment.WorkingSet / (1024 * 1024)} MiB");
            Console.WriteLine();
            Console.WriteLine("per stage (µs per message):");
            Stage("language detection", corpus, t => LanguageDetector.Detect(t));
            Stage("personal-data redaction", corpus, t => VeerkrachtBot.Core.Privacy.PersonalDataRedactor.Redact(t));
            Stage("sentiment signals", corpus, t => SentimentSignals.Compute(t, "nl"));
            Stage("features (stems, n-grams, signals, keywords)", corpus, t => Features.Extract(t, "nl"));
            Stage("model prediction (all)", corpus, t => model.Predict(t, "nl"));
            Stage("key phrases", corpus, t => KeyPhrases.Extract(t, "nl"));
            Stage("whole analysis", corpus, t => analyzer.Analyze(t));
            return 0;
        });
        return command;
    }
}
