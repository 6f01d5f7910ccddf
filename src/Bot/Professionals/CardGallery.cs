using Newtonsoft.Json.Linq;
using VeerkrachtBot.Core.Digests;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Polls;

namespace VeerkrachtBot.Bot.Professionals;

/// <summary>
/// Every card professionals can get, built from given data with the same builders the bot uses: for the preview
/// without Teams (<c>veerkracht cards</c>) and for the tests that hold each card to the renderer and Teams' limits.
/// </summary>
public static class CardGallery
{
    /// <summary>The data the cards show.</summary>
    public sealed record Sample(
        IReadOnlyList<Idea> Ideas,
        IReadOnlyList<IdeaStatusChange> History,
        Poll Poll,
        PollResults Results,
        IReadOnlyList<(Meeting Meeting, Attendance Attendance)> Meetings,
        IReadOnlyList<(string NeighbourhoodId, string ThemeId)> Subscriptions);

    public static IReadOnlyList<(string Name, JObject Card)> Build(ProfessionalTexts texts, NeighbourhoodCatalog neighbourhoods, ThemeCatalog themes, Sample sample, DateTimeOffset now)
    {
        var idea = sample.Ideas[0];
        var summaries = sample.Ideas.Select(i => new IdeaSummary(i.Id, i.NeighbourhoodId, i.Analysis.RedactedText, i.Analysis.Themes.Select(t => t.ThemeId).ToList(),
            i.Analysis.Sentiment.Label, i.Status, i.ReceivedAt)).ToList();
        var page = new IdeaPage(summaries.Take(IdeasCommand.PageSize).ToList(), summaries.Count > IdeasCommand.PageSize ? new IdeaCursor(summaries[IdeasCommand.PageSize - 1].ReceivedAt, summaries[IdeasCommand.PageSize - 1].Id) : null);
        var pollErrors = new JObject { ["agendaItem"] = "Speelplekken", ["question"] = "", ["neighbourhoods"] = "", ["closesDate"] = "2020-01-01", ["closesTime"] = "25:00" };
        var meetingTyped = new JObject { ["neighbourhood"] = "nazareth", ["title"] = "Buurtsoep", ["place"] = "Buurthuis", ["date"] = "2020-01-01", ["start"] = "19:00", ["end"] = "18:00", ["places"] = "0", ["organiser"] = "" };
        return
        [
            ("welcome", HelpCommand.WelcomeCard(texts, programmeManager: false)),
            ("help-programme-manager", HelpCommand.HelpCard(texts, null, programmeManager: true)),
            ("ideas", IdeasCommand.ListCard(neighbourhoods, themes, texts, new IdeaFilter(null, null, null), page, [])),
            ("ideas-filtered-none", IdeasCommand.ListCard(neighbourhoods, themes, texts, new IdeaFilter("nazareth", "sport", IdeaStatus.Done), new IdeaPage([], null), ["xyz"])),
            ("idea", IdeasCommand.IdeaCard(neighbourhoods, themes, texts, idea, sample.History, now)),
            ("idea-status-form", IdeasCommand.StatusForm(texts, idea, "form", null, null, null)),
            ("idea-status-form-errors", IdeasCommand.StatusForm(texts, idea, "form", "Done", "", (texts.Format(texts.StatusCannotMove, texts.StatusNames[idea.Status], texts.StatusNames[IdeaStatus.Done]), texts.ExplanationNeeded))),
            ("idea-themes-form", IdeasCommand.ThemesForm(themes, texts, idea, "form", idea.Analysis.Themes.Select(t => t.ThemeId).ToList(), null)),
            ("poll-new", NewPollCommand.Form(neighbourhoods, texts, "form", null, null, now)),
            ("poll-new-errors", NewPollCommand.Form(neighbourhoods, texts, "form", pollErrors, Errors(texts, pollErrors, ("question", texts.Required), ("neighbourhoods", texts.ChooseNeighbourhood), ("closesDate", texts.InThePast), ("closesTime", texts.NotATime)), now)),
            ("poll-results", PollsCommand.ResultsCard(neighbourhoods, texts, sample.Poll, sample.Results, now, "29:1example")),
            ("meeting-new", NewMeetingCommand.Form(neighbourhoods, texts, "form", null, null)),
            ("meeting-new-errors", NewMeetingCommand.Form(neighbourhoods, texts, "form", meetingTyped, Errors(texts, meetingTyped, ("date", texts.InThePast), ("end", texts.EndBeforeStart), ("places", texts.AtLeastOnePlace), ("organiser", texts.Required)))),
            ("meetings", MeetingsCommand.ListCard(neighbourhoods, texts, sample.Meetings)),
            ("digest-cluster-ideas", DigestButtonsCommand.IdeasCard(neighbourhoods, themes, texts, texts.Format(texts.ClusterIdeasTitle, 14), summaries.Take(3).ToList(),
                (texts.Format(texts.ClusterIdeasMore, 3, 14), TeamsCard.Data(VeerkrachtBot.Bot.Digests.DigestActions.ClusterIdeas, ("skip", "3"))))),
            ("digest-period-ideas", DigestButtonsCommand.IdeasCard(neighbourhoods, themes, texts, texts.Format(texts.PeriodIdeasTitle, "16 nov", "22 nov 2026") + " — Pottenberg", summaries.Take(3).ToList(), null)),
            ("subscriptions", SubscriptionsCommand.Card(neighbourhoods, themes, texts, texts.Format(texts.Subscribed, "Pottenberg — " + texts.AllThemes), sample.Subscriptions.Select(s => new DigestFollow(s.NeighbourhoodId, s.ThemeId, DigestFrequency.Weekly)).ToList())),
        ];
    }

    private static FormFields Errors(ProfessionalTexts texts, JObject typed, params (string Field, string Message)[] errors)
    {
        var fields = FormFields.Detached(texts, typed);
        foreach (var (field, message) in errors)
        {
            fields.Fail(field, message);
        }

        return fields;
    }
}
