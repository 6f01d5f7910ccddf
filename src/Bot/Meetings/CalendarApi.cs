using System.Text;
using VeerkrachtBot.Core.Meetings;

namespace VeerkrachtBot.Bot.Meetings;

/// <summary>"Add to my calendar": a meeting as an .ics download. Meetings are public, so the link needs no token.</summary>
public static class CalendarApi
{
    public static IEndpointRouteBuilder MapCalendarApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/meetings/{meetingId}/calendar.ics", async (string meetingId, MeetingService meetings, TimeProvider clock, CancellationToken cancellationToken) =>
            meetingId.Length > 64 || await meetings.GetAsync(meetingId, cancellationToken) is not { } meeting
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "There is no such meeting.")
                : Results.File(Encoding.UTF8.GetBytes(MeetingCalendar.ToIcs(meeting, clock.GetUtcNow())), "text/calendar; charset=utf-8", MeetingCalendar.FileName(meeting)))
            .WithName("MeetingCalendar");
        return app;
    }
}
