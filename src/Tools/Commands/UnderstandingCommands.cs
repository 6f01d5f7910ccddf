using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Language.Understanding;
using VeerkrachtBot.Core.Neighbourhoods;

namespace VeerkrachtBot.Tools.Commands;

/// <summary>
/// <c>evaluate-turns</c> and <c>evaluate-urgent</c>: how well the bot reads typed turns and finds urgent messages, on
/// the labelled sets in <c>corpus/turns</c> and <c>corpus/urgent</c>. Both print figures for the development and the
/// held-out part, and the mistakes of the development part only: the held-out part is never used to improve the rules.
/// </summary>
internal static class UnderstandingCommands
{
    private const string TurnsFolder = "corpus/turns";
    private const string UrgentFolder = "corpus/urgent";
    private const string TrainPath = "corpus/train.jsonl";

    /// <summary>Today in the turn corpus's meeting scenario (a Thursday).</summary>
    internal static readonly DateTime ScenarioToday = new(2026, 12, 3);

    /// <summary>The meetings listed in the turn corpus's <c>meeting</c> step.</summary>
    internal static readonly IReadOnlyList<MeetingOption> ScenarioMeetings =
    [
        new("m1", "Buurtavond Pottenberg", new DateTime(2026, 12, 8, 19, 30, 0)),
        new("m2", "Meemakers wandeling", new DateTime(2026, 12, 12, 10, 0, 0)),
        new("m3", "Koffieochtend in het buurthuis", new DateTime(2026, 12, 10, 10, 0, 0)),
    ];

    public static IEnumerable<Command> Commands() => [EvaluateTurns(), EvaluateUrgent()];

    /// <summary>The fixed split rule of both sets, decided before any rule was written: held out when SHA-256(id)[0] is divisible by 3.</summary>
    internal static bool IsHeldOut(string id) => SHA256.HashData(Encoding.UTF8.GetBytes(id))[0] % 3 == 0;

    internal sealed record LabelledTurn(string Id, string Step, string Text, string Decision, string Value);

    internal sealed record LabelledUrgent(string Id, string Text, string? Urgent);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal static List<T> Read<T>(string path) =>
        File.ReadLines(path).Where(l => l.Trim().Length > 0).Select(l => JsonSerializer.Deserialize<T>(l, Json)!).ToList();

    /// <summary>The understanding as the bot has it, with the default neighbourhoods (and their streets) and themes.</summary>
    internal static TurnUnderstanding DefaultUnderstanding() =>
        new(new NeighbourhoodFinder(new NeighbourhoodCatalog([])), new ThemeAnswers(new ThemeCatalog([])));

    /// <summary>The step names of the corpus as the answer each expects.</summary>
    internal static ExpectedAnswer Expected(string step) => step switch
    {
        "menu" => ExpectedAnswer.Nothing,
        "neighbourhood" => new(AnswerKind.Neighbourhood),
        "idea-text" => new(AnswerKind.Text),
        "contact" => new(AnswerKind.Contact),
        "contact-detail" => new(AnswerKind.ContactDetail),
        "themes" => new(AnswerKind.Themes),
        "party-size" => new(AnswerKind.PartySize),
        "poll-comment" => new(AnswerKind.Comment),
        "meeting" => new(AnswerKind.Meeting) { Meetings = ScenarioMeetings, Today = ScenarioToday },
        "confirm" => new(AnswerKind.YesNo),
        "meeting-details" => new(AnswerKind.Rsvp),
        _ => throw new InvalidDataException($"unknown step '{step}'"),
    };

    /// <summary>The decision and value as the corpus writes them.</summary>
    internal static (string Decision, string Value) Describe(TurnDecision decision, string step) => decision.Kind switch
    {
        TurnDecisionKind.Answer => ("answer", step switch
        {
            "menu" or "neighbourhood" => decision.NeighbourhoodId ?? "",
            "contact" or "confirm" => decision.Yes == true ? "yes" : "no",
            "contact-detail" => decision.Yes == false ? "no" : decision.ContactDetail ?? "",
            "themes" => string.Join(',', decision.ThemeIds.Order(StringComparer.Ordinal)),
            "party-size" => decision.Number?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            "poll-comment" => decision.Yes == false ? "no" : "text",
            "meeting" => decision.MeetingId ?? "",
            "meeting-details" => Kebab(decision.Response.ToString()!) + (decision.Number is { } party ? ":" + party.ToString(System.Globalization.CultureInfo.InvariantCulture) : ""),
            _ => "",
        }),
        TurnDecisionKind.Command => ("command", Kebab(decision.Command.ToString())),
        TurnDecisionKind.Question => ("question", Kebab(decision.Question.ToString()!)),
        TurnDecisionKind.Message => ("message", decision.NeighbourhoodId ?? ""),
        _ => ("not-understood", ""),
    };

    private static string Normalised(string step, string decision, string value) =>
        step == "themes" && decision == "answer" ? string.Join(',', value.Split(',').Order(StringComparer.Ordinal)) : value;

    private static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static Command EvaluateTurns()
    {
        var command = new Command("evaluate-turns", $"Score the typed-turn understanding on {TurnsFolder}: accuracy per part and per step; the development part's mistakes.");
        command.SetAction(_ =>
        {
            var understanding = DefaultUnderstanding();
            var failed = false;
            foreach (var (part, file, showMistakes) in new[] { ("development", "development.jsonl", true), ("held-out", "heldout.jsonl", false) })
            {
                var turns = Read<LabelledTurn>(Path.Combine(TurnsFolder, file));
                if (turns.Any(t => IsHeldOut(t.Id) != (part == "held-out")))
                {
                    Console.Error.WriteLine($"{file} holds turns that the split rule puts in the other part");
                    failed = true;
                }

                var results = turns.Select(t =>
                {
                    var (decision, value) = Describe(understanding.Understand(t.Text, Expected(t.Step)), t.Step);
                    return (Turn: t, Decision: decision, Value: value, Right: decision == t.Decision && value == Normalised(t.Step, t.Decision, t.Value));
                }).ToList();

                Console.WriteLine($"{part}: {results.Count(r => r.Right)} of {results.Count} right, accuracy {results.Count(r => r.Right) / (double)results.Count:P1}");
                foreach (var step in results.GroupBy(r => r.Turn.Step).OrderBy(g => g.Key, StringComparer.Ordinal))
                {
                    Console.WriteLine($"  {step.Key,-16} {step.Count(r => r.Right),4} / {step.Count(),-4} {step.Count(r => r.Right) / (double)step.Count(),7:P1}");
                }

                foreach (var kind in results.GroupBy(r => r.Turn.Decision).OrderBy(g => g.Key, StringComparer.Ordinal))
                {
                    Console.WriteLine($"  expected {kind.Key,-16} {kind.Count(r => r.Right),4} / {kind.Count(),-4} {kind.Count(r => r.Right) / (double)kind.Count(),7:P1}");
                }

                if (showMistakes)
                {
                    foreach (var (turn, decision, value, _) in results.Where(r => !r.Right))
                    {
                        Console.WriteLine($"  MISTAKE {turn.Id} [{turn.Step}] \"{turn.Text}\": expected {turn.Decision} {turn.Value}, got {decision} {value}");
                    }
                }
            }

            return failed ? 1 : 0;
        });
        return command;
    }

    private static Command EvaluateUrgent()
    {
        var command = new Command("evaluate-urgent", $"Score the urgent-message detector on {UrgentFolder}: recall per kind and false positives; the development part's mistakes; how often it fires on {TrainPath}.");
        command.SetAction(_ =>
        {
            foreach (var (part, file, showMistakes) in new[] { ("development", "development.jsonl", true), ("held-out", "heldout.jsonl", false) })
            {
                var messages = Read<LabelledUrgent>(Path.Combine(UrgentFolder, file));
                var results = messages.Select(m => (Message: m, Found: UrgentMessages.Detect(m.Text))).ToList();
                var urgent = results.Where(r => r.Message.Urgent is not null).ToList();
                var everyday = results.Where(r => r.Message.Urgent is null).ToList();
                var found = urgent.Count(r => r.Found is not null);
                var rightKind = urgent.Count(r => r.Found?.Code == r.Message.Urgent);
                Console.WriteLine($"{part}: recall {found} of {urgent.Count} ({found / (double)Math.Max(1, urgent.Count):P1}), right kind {rightKind}; " +
                                  $"false positives {everyday.Count(r => r.Found is not null)} of {everyday.Count} everyday and hard-negative messages");
                foreach (var kind in urgent.GroupBy(r => r.Message.Urgent!).OrderBy(g => g.Key, StringComparer.Ordinal))
                {
                    Console.WriteLine($"  {kind.Key,-10} recall {kind.Count(r => r.Found is not null),3} / {kind.Count(),-3} right kind {kind.Count(r => r.Found?.Code == kind.Key),3}");
                }

                if (showMistakes)
                {
                    foreach (var (message, detected) in results.Where(r => (r.Found?.Code) != r.Message.Urgent))
                    {
                        Console.WriteLine($"  MISTAKE {message.Id} \"{message.Text}\": expected {message.Urgent ?? "none"}, got {detected?.Code ?? "none"} {detected?.Score}");
                    }
                }
            }

            if (File.Exists(TrainPath))
            {
                var corpus = Core.Language.LabelledMessage.ReadAll(TrainPath);
                var fired = corpus.Select(m => (m, Found: UrgentMessages.Detect(m.Text))).Where(x => x.Found is not null).ToList();
                Console.WriteLine($"theme corpus training split: fires on {fired.Count} of {corpus.Count} messages ({fired.Count / (double)corpus.Count:P2}); none was written as urgent, so each is a false positive or a message that does need a number:");
                foreach (var (message, signal) in fired)
                {
                    Console.WriteLine($"  {signal!.Code,-10} {message.Id} \"{message.Text}\"");
                }
            }

            return 0;
        });
        return command;
    }
}
