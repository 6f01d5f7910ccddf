using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using VeerkrachtBot.Core.Language;

namespace VeerkrachtBot.Tools.Commands;

/// <summary>
/// <c>agreement</c>: how well a second annotator (B) agrees with the corpus labels (A) on the themes of the same
/// messages. B's theme macro-F1 against A is scored exactly like the model, so it is the ceiling the model can be
/// expected to reach on these labels.
/// </summary>
internal static class AgreementCommand
{
    public static Command Command()
    {
        var second = new Argument<string>("annotations") { Description = "JSON Lines {\"id\",\"themes\"} of the second annotator (B)" };
        var corpus = new Option<string>("--corpus") { Description = "labelled messages of annotator A", DefaultValueFactory = _ => "corpus/train.jsonl" };
        var command = new Command("agreement", "Per-theme Cohen's kappa and F1 of a second annotator against the corpus labels.") { second, corpus };
        command.SetAction(result =>
        {
            var labelled = LabelledMessage.ReadAll(result.GetValue(corpus)!).ToDictionary(m => m.Id);
            var annotations = File.ReadLines(result.GetValue(second)!)
                .Where(l => !string.IsNullOrWhiteSpace(l))
                .Select(l => JsonSerializer.Deserialize<Annotation>(l)!)
                .ToList();
            var unknown = annotations.Where(a => !labelled.ContainsKey(a.Id)).Select(a => a.Id).ToList();
            if (unknown.Count > 0)
            {
                Console.Error.WriteLine($"{unknown.Count} ids not in the corpus: {string.Join(", ", unknown.Take(10))}");
                return 1;
            }

            var a = annotations.Select(x => labelled[x.Id]).ToList();
            var b = annotations.Select(x => x.Themes).ToList();
            Print(a, b, ThemeCatalog.Defaults.Select(t => t.Id).ToList());
            return 0;
        });
        return command;
    }

    private static void Print(IReadOnlyList<LabelledMessage> a, IReadOnlyList<IReadOnlyList<string>> b, IReadOnlyList<string> themes)
    {
        Console.WriteLine($"messages: {a.Count} (A = corpus labels, B = second annotator)");
        Console.WriteLine();
        Console.WriteLine("theme            support A  support B   kappa  F1 (B vs A)");
        var f1s = new List<double>();
        var kappas = new List<double>();
        foreach (var theme in themes)
        {
            var r = ThemeResult.Of(theme, a, i => b[i].Contains(theme));
            var supportB = r.TruePositives + r.FalsePositives;
            var agreeing = a.Count - r.FalsePositives - r.FalseNegatives;
            var kappa = Kappa(agreeing / (double)a.Count, Chance([(r.Support, supportB), (a.Count - r.Support, a.Count - supportB)], a.Count));
            f1s.Add(r.F1);
            kappas.Add(kappa);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{theme,-16} {r.Support,9} {supportB,10} {kappa,7:F3} {r.F1,12:F3}"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"theme macro-F1 (B against A): {f1s.Average():F3}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mean kappa: {kappas.Average():F3}"));
        var identical = a.Where((m, i) => m.Themes.Order().SequenceEqual(b[i].Order())).Count();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"identical theme sets: {identical} of {a.Count} ({identical / (double)a.Count:P1})"));

        // The main theme is the first one; "no theme" is a category of its own, so greetings agree too.
        var firstA = a.Select(m => m.Themes.FirstOrDefault() ?? "").ToList();
        var firstB = b.Select(t => t.FirstOrDefault() ?? "").ToList();
        var same = firstA.Where((t, i) => t == firstB[i]).Count();
        var categories = firstA.Concat(firstB).Distinct().Select(c => (firstA.Count(t => t == c), firstB.Count(t => t == c)));
        var mainKappa = Kappa(same / (double)a.Count, Chance(categories, a.Count));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"same main (first) theme: {same} of {a.Count} ({same / (double)a.Count:P1}), kappa {mainKappa:F3}"));
    }

    /// <summary>Agreement expected by chance from how often each annotator uses each category.</summary>
    internal static double Chance(IEnumerable<(int A, int B)> categories, int n) =>
        categories.Sum(c => c.A / (double)n * (c.B / (double)n));

    /// <summary>Cohen's kappa: observed agreement corrected for chance; 1 when both only ever agree on one category.</summary>
    internal static double Kappa(double observed, double chance) => chance >= 1 ? 1 : (observed - chance) / (1 - chance);

    private sealed record Annotation(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("themes")] IReadOnlyList<string> Themes);
}
