using System.Globalization;
using System.Text;

namespace VeerkrachtBot.Bot.Professionals;

/// <summary>What a professional asked for.</summary>
public enum CommandKind
{
    None,
    Help,
    Ideas,
    Idea,
    Status,
    Themes,
    PollNew,
    Polls,
    PollResults,
    PollClose,
    MeetingNew,
    Meetings,
    Subscribe,
    Unsubscribe,
    Managers,
    ManagerAdd,
    ManagerRemove,
    PulseSettings,
    Population,
    Report,
}

/// <summary>A typed command and the words after it (lower case, without accents).</summary>
public sealed record ProfessionalCommand(CommandKind Kind, IReadOnlyList<string> Arguments)
{
    public static ProfessionalCommand Nothing { get; } = new(CommandKind.None, []);
}

/// <summary>
/// Reads a typed command (the @mention already removed): Dutch and English words, with or without accents and
/// apostrophes ("ideeën", "ideeen", "thema's"), and a small typo in a longer word ("peilign", "bijeenkomsen").
/// Phrases of two words win over one word ("peiling nieuw" over "peiling"); what follows is the arguments.
/// </summary>
public static class ProfessionalCommandParser
{
    private static readonly (CommandKind Kind, string[][] Words)[] Phrases =
    [
        (CommandKind.PollNew, [["peiling", "poll"], ["nieuw", "new", "maken", "create"]]),
        (CommandKind.PollNew, [["nieuwe", "new"], ["peiling", "poll"]]),
        (CommandKind.PollResults, [["peiling", "poll"], ["resultaten", "resultaat", "results", "result", "uitslag"]]),
        (CommandKind.PollClose, [["peiling", "poll"], ["sluiten", "sluit", "close", "stop"]]),
        (CommandKind.MeetingNew, [["bijeenkomst", "meeting"], ["nieuw", "new", "plannen", "maken", "create"]]),
        (CommandKind.MeetingNew, [["nieuwe", "new"], ["bijeenkomst", "meeting"]]),
        (CommandKind.Themes, [["themas", "thema", "themes", "theme"], ["aanpassen", "wijzigen", "corrigeren", "correct", "change", "edit"]]),
        (CommandKind.ManagerAdd, [["beheerder", "manager", "programmamanager"], ["toevoegen", "add", "maken"]]),
        (CommandKind.ManagerRemove, [["beheerder", "manager", "programmamanager"], ["verwijderen", "remove", "weg"]]),
        (CommandKind.ManagerAdd, [["add", "voeg"], ["manager", "beheerder"]]),
        (CommandKind.ManagerRemove, [["remove", "verwijder"], ["manager", "beheerder"]]),
        (CommandKind.Help, [["help", "hulp", "menu", "?", "commandos", "commands"]]),
        (CommandKind.Ideas, [["ideeen", "ideas", "ideeën"]]),
        (CommandKind.Idea, [["idee", "idea"]]),
        (CommandKind.Status, [["status"]]),
        (CommandKind.Themes, [["themas", "themes"]]),
        (CommandKind.Polls, [["peilingen", "polls", "peiling", "poll"]]),
        (CommandKind.Meetings, [["bijeenkomsten", "meetings", "bijeenkomst", "meeting"]]),
        (CommandKind.Subscribe, [["abonneren", "abonneer", "subscribe", "volgen", "follow"]]),
        (CommandKind.Unsubscribe, [["opzeggen", "unsubscribe", "ontvolgen", "unfollow"]]),
        (CommandKind.Managers, [["beheerders", "managers", "programmamanagers"]]),
        (CommandKind.PulseSettings, [["buurtpeiling", "pulse"]]),
        (CommandKind.Population, [["bevolking", "population", "inwoners"]]),
        (CommandKind.Report, [["rapportage", "report", "rapport"]]),
    ];

    /// <summary>The command in <paramref name="text"/>, or <see cref="ProfessionalCommand.Nothing"/>.</summary>
    public static ProfessionalCommand Parse(string? text)
    {
        var words = Words(text);
        if (words.Count == 0)
        {
            return ProfessionalCommand.Nothing;
        }

        // The longest phrase that matches wins; between equally long ones, the one with fewer slips ("idea" is
        // "idee"/"idea", not "ideas" with a letter missing).
        var best = Phrases
            .Where(p => p.Words.Length <= words.Count)
            .Select(p => (p.Kind, p.Words.Length, Slips: p.Words.Select((alternatives, i) => Slips(words[i], alternatives)).ToList()))
            .Where(c => c.Slips.TrueForAll(s => s is not null))
            .OrderByDescending(c => c.Length).ThenBy(c => c.Slips.Sum())
            .FirstOrDefault();
        return best.Slips is null ? ProfessionalCommand.Nothing : new ProfessionalCommand(best.Kind, words.Skip(best.Length).ToList());
    }

    /// <summary>The words of a text: lower case, accents and apostrophes gone, split on white space and punctuation.</summary>
    public static IReadOnlyList<string> Words(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var plain = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '’' or '‘')
            {
                continue;
            }

            plain.Append(char.IsLetterOrDigit(c) || c is '-' or '?' or '_' ? char.ToLowerInvariant(c) : ' ');
        }

        return plain.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>
    /// 0 when the word is one of the alternatives; the edits to the nearest one when that is a small slip (one in a
    /// word of five to seven letters, two from eight: "abboneren"); else null.
    /// </summary>
    internal static int? Slips(string word, IEnumerable<string> alternatives)
    {
        int? best = null;
        foreach (var alternative in alternatives)
        {
            var allowed = alternative.Length >= 8 ? 2 : alternative.Length >= 5 ? 1 : 0;
            var distance = alternative == word ? 0 : allowed > 0 && word.Length >= 4 ? Distance(alternative, word) : int.MaxValue;
            if (distance <= allowed && (best is null || distance < best))
            {
                best = distance;
            }
        }

        return best;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
