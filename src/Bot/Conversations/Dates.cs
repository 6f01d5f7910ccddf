using VeerkrachtBot.Core.Meetings;

namespace VeerkrachtBot.Bot.Conversations;

/// <summary>Dates and times as residents read them: Amsterdam time, in their language ("donderdag 3 december 2026").</summary>
public static class Dates
{
    public static string Day(BotTexts texts, DateTimeOffset instant) => AmsterdamTime.ToLocal(instant).ToString("d MMMM yyyy", texts.Culture);

    public static string DayWithWeekday(BotTexts texts, DateTimeOffset instant) => AmsterdamTime.ToLocal(instant).ToString("dddd d MMMM yyyy", texts.Culture);

    public static string Time(BotTexts texts, DateTimeOffset instant) => AmsterdamTime.ToLocal(instant).ToString("HH:mm", texts.Culture);

    /// <summary>"donderdag 3 december 2026 van 19:30 tot 21:30 uur".</summary>
    public static string Range(BotTexts texts, DateTimeOffset start, DateTimeOffset end) =>
        texts.Format(texts.Meetings.TimeRange, DayWithWeekday(texts, start), Time(texts, start), Time(texts, end));
}
