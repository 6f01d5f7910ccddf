using System.Text;
using System.Text.Encodings.Web;
using VeerkrachtBot.Bot.Conversations;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Privacy;
using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Bot.Privacy;

/// <summary>
/// "My data" as a page a resident can read (and print): every stored item in plain words, in their language. All
/// stored text is HTML-encoded; the page loads nothing else.
/// </summary>
public static class ExportPage
{
    public static string Render(ResidentExport export, BotTexts texts, ThemeCatalog themes, NeighbourhoodCatalog neighbourhoods)
    {
        var t = texts.Privacy;
        var html = new StringBuilder();
        string E(string? value) => HtmlEncoder.Default.Encode(value ?? "");
        void Row(string label, string? value) => html.Append("<tr><th scope=\"row\">").Append(E(label)).Append("</th><td>").Append(E(value)).Append("</td></tr>");
        string When(DateTimeOffset moment) => Dates.Day(texts, moment) + " " + Dates.Time(texts, moment);

        html.Append("<!DOCTYPE html><html lang=\"").Append(texts.Lang).Append("\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
            .Append(E(t.PageTitle)).Append("</title><style>")
            .Append("body{font-family:system-ui,sans-serif;font-size:1rem;line-height:1.5;max-width:48rem;margin:0 auto;padding:1rem;color:#1c2a33}")
            .Append("h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid #c9d3da}")
            .Append("th{width:40%}blockquote{margin:.25rem 0;font-style:italic}</style></head><body>");
        html.Append("<h1>").Append(E(t.PageTitle)).Append("</h1><p>").Append(E(texts.Format(t.PageIntro, When(export.ExportedAt)))).Append("</p>");

        html.Append("<h2>").Append(E(t.PageAboutYou)).Append("</h2><table>");
        Row(t.PageCode, export.Resident.Id);
        Row(t.Language, export.Resident.Language == ResidentLanguage.English ? "English" : "Nederlands");
        Row(t.Neighbourhood, neighbourhoods.Find(export.Resident.NeighbourhoodId)?.Name ?? t.Unknown);
        Row(t.PageFirstSeen, When(export.Resident.CreatedAt));
        Row(t.PageLastSeen, When(export.Resident.LastSeenAt));
        html.Append("</table>");

        html.Append("<h2>").Append(E(t.PageConsents)).Append("</h2>");
        if (export.Consents.Count == 0)
        {
            html.Append("<p>").Append(E(t.PageNone)).Append("</p>");
        }
        else
        {
            html.Append("<table>");
            foreach (var consent in export.Consents)
            {
                Row(consent.Kind == ConsentKind.Contact ? t.ContactConsent : t.KeepTextConsent,
                    texts.Format(consent.WithdrawnAt is { } withdrawn ? t.PageConsentWithdrawn : t.PageConsentGiven, When(consent.GivenAt), consent.WithdrawnAt is { } w ? When(w) : ""));
            }

            html.Append("</table>");
        }

        html.Append("<h2>").Append(E(t.Ideas)).Append("</h2>");
        if (export.Ideas.Count == 0)
        {
            html.Append("<p>").Append(E(t.PageNone)).Append("</p>");
        }

        foreach (var (idea, history) in export.Ideas.Select(i => (i.Idea, i.History)))
        {
            html.Append("<table>");
            Row(texts.Ideas.Received, When(idea.ReceivedAt));
            html.Append("<tr><th scope=\"row\">").Append(E(t.PageText)).Append("</th><td><blockquote>").Append(E(idea.Analysis.RedactedText)).Append("</blockquote></td></tr>");
            if (idea.OriginalText is { } original)
            {
                html.Append("<tr><th scope=\"row\">").Append(E(t.PageOriginalText)).Append("</th><td><blockquote>").Append(E(original)).Append("</blockquote></td></tr>");
            }

            Row(t.Neighbourhood, neighbourhoods.Find(idea.NeighbourhoodId)?.Name ?? t.Unknown);
            Row(texts.Ideas.Themes, string.Join(", ", idea.Analysis.Themes.Select(theme => themes.Label(theme.ThemeId, texts.Lang))));
            Row(texts.Ideas.Status, texts.Ideas.StatusLabels[idea.Status] + (idea.StatusExplanation is { } why ? " — " + why : ""));
            Row(t.ContactConsent, idea.ContactAllowed ? t.ConsentYes + (idea.ContactDetail is { } detail ? " (" + detail + ")" : "") : t.ConsentNo);
            html.Append("</table>");
        }

        html.Append("<h2>").Append(E(t.Rsvps)).Append("</h2>");
        if (export.Rsvps.Count == 0)
        {
            html.Append("<p>").Append(E(t.PageNone)).Append("</p>");
        }
        else
        {
            html.Append("<table>");
            foreach (var rsvp in export.Rsvps)
            {
                Row(rsvp.MeetingTitle + " (" + When(rsvp.MeetingStartsAt) + ")", rsvp.Rsvp.Status switch
                {
                    RsvpStatus.Confirmed => texts.Format(texts.Meetings.YouComing, texts.PartyOf(rsvp.Rsvp.PartySize)),
                    RsvpStatus.Waiting => texts.Meetings.YouWaiting,
                    RsvpStatus.Maybe => texts.Meetings.YouMaybe,
                    _ => texts.Meetings.YouNotComing,
                });
            }

            html.Append("</table>");
        }

        html.Append("<h2>").Append(E(t.PollAnswers)).Append("</h2>");
        if (export.PollAnswers.Count == 0)
        {
            html.Append("<p>").Append(E(t.PageNone)).Append("</p>");
        }
        else
        {
            html.Append("<table>");
            foreach (var answer in export.PollAnswers)
            {
                Row(When(answer.RespondedAt), Polls.PollFlow.ScoreTitle(texts, answer.Score) + (answer.Comment is { } comment ? " — " + comment : ""));
            }

            html.Append("</table>");
        }

        html.Append("<p>").Append(E(t.PageFooter)).Append("</p></body></html>");
        return html.ToString();
    }
}
