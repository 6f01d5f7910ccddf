using System.Text.Json.Nodes;

namespace VeerkrachtBot.Tools.Hostile;

/// <summary>
/// One request of the hostile-input corpus (<c>tests/hostile/*.jsonl</c>, one case per line): where it goes, what
/// it carries and what the bot must answer. <see cref="Expect"/> is a status class ("2xx", "4xx") or an exact
/// status ("413"); whatever it says, a 5xx is always a failure. A 4xx case is refused at the door unless it says
/// <c>"handled": true</c> (the bot ran a turn for it and answered 4xx, like an invoke it does not offer).
/// </summary>
public sealed record HostileCase(string Name, string Method, string Path, IReadOnlyDictionary<string, string> Headers, JsonNode? Body, string? Raw, string Expect, bool Handled = false)
{
    /// <summary>Cases the bot must refuse at the door: they run first, and they may not add a single row to the database.</summary>
    public bool Refused => Expect.StartsWith('4') && !Handled;

    public bool Accepts(int status) =>
        status < 500 && (Expect.Length == 3 && Expect.EndsWith("xx", StringComparison.Ordinal) ? status / 100 == Expect[0] - '0' : status.ToString(System.Globalization.CultureInfo.InvariantCulture) == Expect);

    /// <summary>Every case of every <c>*.jsonl</c> file in <paramref name="folder"/>, in file order; lines starting with "//" are comments.</summary>
    public static IReadOnlyList<HostileCase> Load(string folder)
    {
        var cases = new List<HostileCase>();
        foreach (var file in Directory.GetFiles(folder, "*.jsonl").Order(StringComparer.Ordinal))
        {
            var number = 0;
            foreach (var line in File.ReadLines(file))
            {
                number++;
                if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith("//", StringComparison.Ordinal))
                {
                    continue;
                }

                var node = JsonNode.Parse(line)?.AsObject() ?? throw new InvalidDataException($"{file}:{number} is not a JSON object.");
                string Required(string name) => node[name]?.GetValue<string>() ?? throw new InvalidDataException($"{file}:{number} has no '{name}'.");
                cases.Add(new HostileCase(
                    Required("name"),
                    node["method"]?.GetValue<string>() ?? "POST",
                    Required("path"),
                    node["headers"]?.AsObject().ToDictionary(h => h.Key, h => h.Value!.GetValue<string>(), StringComparer.OrdinalIgnoreCase) ?? new Dictionary<string, string>(),
                    node["body"]?.DeepClone(),
                    node["raw"]?.GetValue<string>(),
                    Required("expect"),
                    node["handled"]?.GetValue<bool>() ?? false));
            }
        }

        return cases;
    }
}
