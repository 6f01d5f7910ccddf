using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace VeerkrachtBot.Core.Meetings;

/// <summary>A meeting as an iCalendar file (RFC 5545), for "add to my calendar".</summary>
public static class MeetingCalendar
{
    /// <summary>The .ics text: one event with the meeting's times (UTC), title, place and description.</summary>
    public static string ToIcs(Meeting meeting, DateTimeOffset now)
    {
        var calendar = new Calendar { ProductId = "-//VeerkrachtBot//Meetings//NL" };
        calendar.AddProperty("METHOD", "PUBLISH");
        calendar.Events.Add(new CalendarEvent
        {
            Uid = $"{meeting.Id}@veerkrachtbot",
            DtStamp = new CalDateTime(now.UtcDateTime, "UTC"),
            DtStart = new CalDateTime(meeting.StartsAt.UtcDateTime, "UTC"),
            DtEnd = new CalDateTime(meeting.EndsAt.UtcDateTime, "UTC"),
            Summary = meeting.Title,
            Location = meeting.Place,
            Description = meeting.Description,
            Organizer = null,
        });
        return new CalendarSerializer().SerializeToString(calendar) ?? throw new InvalidOperationException("The calendar could not be written.");
    }

    /// <summary>A safe file name for the download, e.g. <c>buurtavond-pottenberg.ics</c>.</summary>
    public static string FileName(Meeting meeting)
    {
        var slug = new string(meeting.Title.ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-').ToArray()).Trim().Replace(' ', '-');
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        return (slug.Length == 0 ? "bijeenkomst" : slug[..Math.Min(slug.Length, 60)].Trim('-')) + ".ics";
    }
}
