using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using VeerkrachtBot.Core.Digests.Clustering;
using VeerkrachtBot.Core.Language;

namespace VeerkrachtBot.Tools.Commands;

/// <summary>
/// <c>cluster-eval</c>: pairwise precision, recall and F1 of the digest's concern clustering on the labelled
/// scenarios in <c>corpus/clusters</c>, per part. Each scenario (one neighbourhood's week) is clustered on its own,
/// as a digest would; texts go through the local analysis first (redaction, language, themes), as ideas do.
/// </summary>
internal static class ClusterEvaluation
{
    private const string Folder = "corpus/clusters";

    public static Command Command()
    {
        var defaults = new ClusteringSettings();
        var threshold = new Option<double>("--threshold") { DefaultValueFactory = _ => defaults.Threshold };
        var themeWeight = new Option<double>("--theme-weight") { DefaultValueFactory = _ => defaults.ThemeWeight };
        var gramWeight = new Option<double>("--gram-weight") { DefaultValueFactory = _ => defaults.CharGramWeight };
        var gramLength = new Option<int>("--gram-length") { DefaultValueFactory = _ => defaults.CharGramLength };
        var conceptWeight = new Option<double>("--concept-weight") { DefaultValueFactory = _ => defaults.ConceptWeight };
        var sweep = new Option<bool>("--sweep") { Description = "try thresholds 0.10-0.60 on the development part only (for tuning)" };
        var mistakes = new Option<bool>("--mistakes") { Description = "print the groups of the development part, for error analysis" };
        var folder = new Option<string>("--folder") { DefaultValueFactory = _ => Folder };
        var command = new Command("cluster-eval", $"Pairwise precision/recall/F1 of concern clustering on {Folder} (development and held-out parts).")
        {
            threshold, themeWeight, gramWeight, gramLength, conceptWeight, sweep, mistakes, folder,
        };
        command.SetAction(result =>
        {
            var settings = new ClusteringSettings
            {
                Threshold = result.GetValue(threshold),
                ThemeWeight = result.GetValue(themeWeight),
                CharGramWeight = result.GetValue(gramWeight),
                CharGramLength = result.GetValue(gramLength),
                ConceptWeight = result.GetValue(conceptWeight),
            };
            var scenarios = Load(result.GetValue(folder)!);
            if (scenarios.Count == 0)
            {
                Console.Error.WriteLine($"No scenario-*.jsonl files in {result.GetValue(folder)}.");
                return 1;
            }

            var development = scenarios.Where(s => !IsHeldOut(s.Number)).ToList();
            var heldOut = scenarios.Where(s => IsHeldOut(s.Number)).ToList();
            if (result.GetValue(sweep))
            {
                Console.WriteLine("development part only; threshold  precision  recall  F1");
                for (var t = 0.10; t <= 0.601; t += 0.025)
                {
                    var score = Score(development, settings with { Threshold = Math.Round(t, 3) });
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {t,5:F3}  {score.Precision,9:F3}  {score.Recall,6:F3}  {score.F1:F3}"));
                }

                return 0;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"settings: threshold {settings.Threshold}, theme weight {settings.ThemeWeight}, char {settings.CharGramLength}-gram weight {settings.CharGramWeight}, concept weight {settings.ConceptWeight}"));
            Console.WriteLine("part          scenarios  messages  concerns  pairs(same)  precision  recall     F1");
            foreach (var (name, part) in new[] { ("development", development), ("held-out", heldOut) })
            {
                var score = Score(part, settings);
                var messages = part.Sum(s => s.Messages.Count);
                var concerns = part.Sum(s => s.Messages.Select(m => m.Concern).Distinct().Count());
                var same = score.TruePositives + score.FalseNegatives;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-13} {part.Count,9}  {messages,8}  {concerns,8}  {same,11}  {score.Precision,9:F3}  {score.Recall,6:F3}  {score.F1,5:F3}"));
            }

            if (result.GetValue(mistakes))
            {
                foreach (var scenario in development)
                {
                    PrintGroups(scenario, settings);
                }
            }

            return 0;
        });
        return command;
    }

    /// <summary>The split rule, fixed before any tuning: every third scenario (3, 6, 9, …) is held out.</summary>
    internal static bool IsHeldOut(int scenario) => scenario % 3 == 0;

    internal sealed record Message(string Id, string Concern, string Text);

    internal sealed record Scenario(int Number, IReadOnlyList<Message> Messages, IReadOnlyList<ClusterItem> Items);

    internal static List<Scenario> Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var analyzer = new LocalTextAnalyzer(LanguageModel.LoadEmbedded(), new ThemeCatalog([]));
        var scenarios = new List<Scenario>();
        foreach (var file in Directory.GetFiles(folder, "scenario-*.jsonl"))
        {
            var number = int.Parse(Path.GetFileNameWithoutExtension(file)["scenario-".Length..], CultureInfo.InvariantCulture);
            var messages = File.ReadLines(file).Where(l => l.Trim().Length > 0)
                .Select(l => JsonSerializer.Deserialize<Message>(l, JsonOptions)!).ToList();
            var items = messages.Select(m =>
            {
                var analysis = analyzer.Analyze(m.Text);
                return new ClusterItem(m.Id, analysis.RedactedText, analysis.Language, analysis.Themes.Select(t => t.ThemeId).ToList());
            }).ToList();
            scenarios.Add(new Scenario(number, messages, items));
        }

        return [.. scenarios.OrderBy(s => s.Number)];
    }

    internal static PairwiseScore Score(IEnumerable<Scenario> scenarios, ClusteringSettings settings)
    {
        var total = default(PairwiseScore);
        foreach (var scenario in scenarios)
        {
            total += PairwiseScore.Of(Labels(scenario, settings), scenario.Messages.Select(m => m.Concern).ToList());
        }

        return total;
    }

    private static int[] Labels(Scenario scenario, ClusteringSettings settings)
    {
        var labels = new int[scenario.Items.Count];
        var groups = ConcernClusterer.Cluster(scenario.Items, settings);
        for (var g = 0; g < groups.Count; g++)
        {
            foreach (var i in groups[g])
            {
                labels[i] = g;
            }
        }

        return labels;
    }

    private static void PrintGroups(Scenario scenario, ClusteringSettings settings)
    {
        Console.WriteLine();
        Console.WriteLine($"scenario {scenario.Number}");
        foreach (var group in ConcernClusterer.Cluster(scenario.Items, settings))
        {
            Console.WriteLine($"  group of {group.Count}:");
            foreach (var i in group)
            {
                var m = scenario.Messages[i];
                Console.WriteLine($"    [{m.Concern}] {(m.Text.Length > 90 ? m.Text[..90] + "…" : m.Text)}");
            }
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };
}
