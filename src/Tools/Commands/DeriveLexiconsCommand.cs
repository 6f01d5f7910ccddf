using System.CommandLine;
using System.Globalization;
using System.Xml.Linq;

namespace VeerkrachtBot.Tools.Commands;

/// <summary>
/// <c>derive-lexicons</c>: turns the Pattern sentiment lexicons (CLiPS, PDDL) into the compact tables the local
/// sentiment scorer embeds: one line per word form, polarity and intensity averaged over its senses.
/// Run once by a developer; the project never reads the source XML at run time.
/// </summary>
internal static class DeriveLexiconsCommand
{
    public static Command Command()
    {
        var source = new Option<string>("--source") { Description = "folder with nl-sentiment.xml and en-sentiment.xml", Required = true };
        var output = new Option<string>("--out") { Description = "folder for sentiment-nl.tsv and sentiment-en.tsv", DefaultValueFactory = _ => "src/Core/Language/Resources" };
        var command = new Command("derive-lexicons", "Derive the embedded sentiment tables from the Pattern lexicons.") { source, output };
        command.SetAction(result =>
        {
            foreach (var language in new[] { "nl", "en" })
            {
                var document = XDocument.Load(Path.Combine(result.GetValue(source)!, $"{language}-sentiment.xml"));
                var rows = document.Root!.Elements("word")
                    .Select(w => (Form: ((string)w.Attribute("form")!).ToLowerInvariant(), Polarity: Number(w, "polarity"), Intensity: Number(w, "intensity")))
                    .Where(w => !w.Form.Contains(' ', StringComparison.Ordinal))
                    .GroupBy(w => w.Form)
                    .Select(g => (Form: g.Key, Polarity: g.Average(w => w.Polarity), Intensity: g.Average(w => w.Intensity)))
                    .Where(w => Math.Abs(w.Polarity) >= 0.05 || Math.Abs(w.Intensity - 1) >= 0.05)
                    .OrderBy(w => w.Form, StringComparer.Ordinal)
                    .Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Form}\t{w.Polarity:0.###}\t{w.Intensity:0.###}"));
                var path = Path.Combine(result.GetValue(output)!, $"sentiment-{language}.tsv");
                File.WriteAllLines(path, ["# form\tpolarity\tintensity — derived from the Pattern lexicon (CLiPS, De Smedt & Daelemans), PDDL", .. rows]);
                Console.WriteLine($"{path}: {File.ReadAllLines(path).Length - 1} words");
            }

            return 0;
        });
        return command;
    }

    private static double Number(XElement word, string attribute) =>
        double.TryParse((string?)word.Attribute(attribute), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
