using Newtonsoft.Json.Linq;
using VeerkrachtBot.Core.Digests;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Polls;
using VeerkrachtBot.Core.Pulse;
using VeerkrachtBot.Core.Reports;

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
            ("report", Reports.ReportCardCommand.Card(SampleReport(now), neighbourhoods.All[0], themes, texts.Culture, new Uri("https://bot.example.nl/api/charts/example.png"),
                new Uri("https://bot.example.nl/buurt/pottenberg"), new Uri("https://bot.example.nl/buurt/pottenberg/rapportage"))),
            ("report-choose", Reports.ReportCardCommand.ChooseCard(neighbourhoods, Reports.ReportCardTexts.For(texts.Culture), null, PulsePeriodLength.Quarter, null)),
            ("subscriptions", SubscriptionsCommand.Card(neighbourhoods, themes, texts, texts.Format(texts.Subscribed, "Pottenberg — " + texts.AllThemes), sample.Subscriptions.Select(s => new DigestFollow(s.NeighbourhoodId, s.ThemeId, DigestFrequency.Weekly)).ToList())),
        ];
    }

    /// <summary>A report of four quarters with shown and hidden figures, as the <c>rapportage</c> card gets it.</summary>
    private static MonitoringReport SampleReport(DateTimeOffset now)
    {
        const int min = 10;
        var last = PulsePeriod.Of(now, PulsePeriodLength.Quarter);
        var periods = ReportPeriods.Range(last.Previous().Previous().Previous(), last);
        Figure N(int value) => Figure.Of(value, value, min);
        var participation = periods.Select((p, i) => new PeriodParticipation(p, i == periods.Count - 1, N(40 + (12 * i)), N(20 + i), N(20 + (11 * i)), i == 0 ? N(0) : N(12), N(30), N(25), Figure.Hidden, N(18), N(22 + i), N(11))).ToList();
        var goals = PulseGoals.All.Select((g, k) => new GoalTrend(g, g, g, periods.Select((p, i) => new GoalPeriod(p, N(20 + i), N(0),
            k == 4 && i == periods.Count - 1 ? null : Core.Reports.MeanInterval.Of(Enumerable.Range(0, 20 + i).Select(j => 2 + ((j + k) % 4)).ToList()))).ToList())).ToList();
        return new MonitoringReport(["pottenberg"], PulsePeriodLength.Quarter, periods, now, min, participation, [], goals, new Representation(N(0), null, []),
            [new ThemeTrend("public-space", N(48), periods.Select(_ => N(12)).ToList()), new ThemeTrend("housing", N(21), periods.Select(_ => Figure.Hidden).ToList()), new ThemeTrend("safety", N(17), periods.Select(_ => Figure.Hidden).ToList())],
            [new RaisedCluster("lantaarnpaal, speeltuin", ["public-space"], 15, 21), new RaisedCluster("hard rijden, drempel", ["safety", "mobility"], 12, 14)],
            [new StatusCount(IdeaStatus.Received, N(32)), new StatusCount(IdeaStatus.InDiscussion, N(15)), new StatusCount(IdeaStatus.Planned, N(11)), new StatusCount(IdeaStatus.Done, Figure.Hidden), new StatusCount(IdeaStatus.NotFeasible, Figure.Hidden)],
            [], []);
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
