using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Recognizers.Text;
using Microsoft.Recognizers.Text.DateTime;

namespace VeerkrachtBot.Core.Language.Understanding;

/// <summary>A meeting the bot listed, as a typed answer can name it: by title, by date, or by its place in the list.</summary>
/// <param name="Id">The meeting's id.</param>
/// <param name="Title">Its title.</param>
/// <param name="LocalStart">When it starts, in Amsterdam time.</param>
public sealed record MeetingOption(string Id, string Title, DateTime LocalStart);

/// <summary>
/// Which listed meeting a typed text means: "de wandeling", "die van dinsdag", "8 december", "the walk on saturday",
/// "de tweede". Dates are read with Microsoft.Recognizers.Text.DateTime (Dutch and English) against today's date.
/// </summary>
public static partial class MeetingAnswers
{
    private static readonly Dictionary<string, int> Ordinals = new(StringComparer.Ordinal)
    {
        ["eerste"] = 1, ["first"] = 1, ["tweede"] = 2, ["second"] = 2, ["derde"] = 3, ["third"] = 3, ["vierde"] = 4, ["fourth"] = 4, ["vijfde"] = 5, ["fifth"] = 5,
    };

    // English words residents use for the Dutch titles of meetings.
    private static readonly Dictionary<string, string> Translations = new(StringComparer.Ordinal)
    {
        ["walk"] = "wandeling", ["coffee"] = "koffie", ["morning"] = "ochtend", ["evening"] = "avond", ["meeting"] = "bijeenkomst", ["breakfast"] = "ontbijt",
        ["cooking"] = "koken", ["workshop"] = "workshop", ["party"] = "feest", ["dinner"] = "eten",
    };

    private static readonly Lazy<DateTimeModel> DutchDates = new(() => (DateTimeModel)new DateTimeRecognizer(Culture.Dutch).GetDateTimeModel());
    private static readonly Lazy<DateTimeModel> EnglishDates = new(() => (DateTimeModel)new DateTimeRecognizer(Culture.English).GetDateTimeModel());

    /// <summary>The id of the meeting the text names, or null when it names none or more than one.</summary>
    public static string? Read(TypedWords typed, IReadOnlyList<MeetingOption> meetings, DateTime today)
    {
        var words = typed.Words;
        if (words.Count == 0 || meetings.Count == 0)
        {
            return null;
        }

        var numbers = words.Select(TypedWords.Number).OfType<int>().ToList();
        var content = words.Where(w => !Lexicon.IsStopword(w)).ToList();
        if (numbers.Count == 1 && content.Count == 0)
        {
            return numbers[0] >= 1 && numbers[0] <= meetings.Count ? meetings[numbers[0] - 1].Id : null;
        }

        if (words.Select(w => Ordinals.GetValueOrDefault(w)).FirstOrDefault(n => n > 0) is > 0 and var ordinal && content.All(Ordinals.ContainsKey))
        {
            return ordinal <= meetings.Count ? meetings[ordinal - 1].Id : null;
        }

        if (words.Contains("laatste") || words.Contains("last"))
        {
            return meetings[^1].Id;
        }

        var byTitle = meetings.Select(m => (m.Id, Score: TitleScore(m.Title, content))).Where(x => x.Score > 0).ToList();
        var (dates, weekdays) = Dates(typed.Text, today);
        var byDate = meetings.Where(m => dates.Contains(DateOnly.FromDateTime(m.LocalStart)) || weekdays.Contains(m.LocalStart.DayOfWeek)).Select(m => m.Id).ToList();

        if (byTitle.Count > 0 && byDate.Count > 0)
        {
            var both = byTitle.Select(t => t.Id).Intersect(byDate).ToList();
            return both.Count == 1 ? both[0] : null;
        }

        if (byTitle.Count > 0)
        {
            var best = byTitle.Max(t => t.Score);
            var top = byTitle.Where(t => t.Score == best).ToList();
            return top.Count == 1 ? top[0].Id : null;
        }

        return byDate.Count == 1 ? byDate[0] : null;
    }

    private static int TitleScore(string title, List<string> content)
    {
        var titleWords = TypedWords.FoldedWords(title).Where(w => w.Length >= 4 && !Lexicon.IsStopword(w) && w != "voorbeeld").ToList();
        return content.Select(w => Translations.GetValueOrDefault(w, w)).Count(w => w.Length >= 4 && titleWords.Any(t => t.Contains(w, StringComparison.Ordinal) || w.Contains(t, StringComparison.Ordinal)));
    }

    /// <summary>
    /// The dates a text names, read against <paramref name="today"/>, and the weekdays it names without a date ("die van
    /// dinsdag"): a listed meeting on that weekday is meant, also when it is not in the coming week.
    /// </summary>
    private static (HashSet<DateOnly> Dates, HashSet<DayOfWeek> Weekdays) Dates(string text, DateTime today)
    {
        var dates = new HashSet<DateOnly>();
        var weekdays = new HashSet<DayOfWeek>();
        foreach (var model in new[] { DutchDates.Value, EnglishDates.Value })
        {
            foreach (var result in model.Parse(text, today))
            {
                if (result.Resolution?.TryGetValue("values", out var values) != true || values is not IEnumerable<Dictionary<string, string>> list)
                {
                    continue;
                }

                foreach (var value in list)
                {
                    if (WeekdayTimex().Match(value.GetValueOrDefault("timex") ?? "") is { Success: true } weekday)
                    {
                        weekdays.Add((DayOfWeek)(int.Parse(weekday.Groups[1].Value, CultureInfo.InvariantCulture) % 7));
                        continue;
                    }

                    var raw = value.GetValueOrDefault("value") ?? value.GetValueOrDefault("start");
                    if (raw is not null && DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Date >= today.Date)
                    {
                        dates.Add(DateOnly.FromDateTime(date));
                    }
                }
            }

            if (dates.Count > 0 || weekdays.Count > 0)
            {
                break;
            }
        }

        return (dates, weekdays);
    }

    [GeneratedRegex(@"^XXXX-WXX-([1-7])$")]
    private static partial Regex WeekdayTimex();
}
