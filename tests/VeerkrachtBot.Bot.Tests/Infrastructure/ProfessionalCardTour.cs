using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Bot.Tests.Infrastructure;

/// <summary>
/// Walks a programme manager through every professional command in Teams (install, help, ideas, an idea, its status
/// and theme forms with and without errors, polls, a new poll, results, closing, meetings, a new meeting, subscriptions,
/// programme managers, the pulse, the population, the report) over /api/messages, and collects every card the bot sent or put in place of a submitted one.
/// Needs a host whose Teams:AllowedTenants holds the tenant and Teams:ProgrammeManagers the manager given.
/// </summary>
public static class ProfessionalCardTour
{
    public static async Task<IReadOnlyList<(string Name, JObject Card)>> RunAsync(BotHost host, HttpClient client, LoopbackConnector connector, string tenant, string manager, string locale = "nl-NL")
    {
        var residents = (ResidentService)host.Services.GetService(typeof(ResidentService))!;
        var ideas = (IdeaService)host.Services.GetService(typeof(IdeaService))!;
        var resident = await residents.IdentifyAsync("webchat", "tour-" + Guid.NewGuid().ToString("N"));
        var analysis = new IdeaAnalysis("nl", "De lamp bij de speeltuin is kapot, **nu** [klik](https://example.org) <at>iedereen</at>", [new ThemeScore("public-space", 0.9, false)],
            new Sentiment(SentimentLabel.Negative, -0.4), ["lamp", "speeltuin"], AnalysisSource.Local);
        var (idea, _) = await ideas.SubmitAsync(new IdeaService.Submission("tour:" + Guid.NewGuid().ToString("N"), resident.Id, "pottenberg", "x", false, analysis));

        var english = locale.StartsWith("en", StringComparison.Ordinal);
        string T(string nl, string en) => english ? en : nl;
        var chat = new TeamsChat(client, connector, tenant, manager, TeamsScope.Channel, locale);
        await chat.InstallAsync();
        await chat.SayAsync("help");
        await chat.SayAsync(T("ideeën pottenberg", "ideas pottenberg"));
        await chat.SayAsync("idee " + idea.Id);
        await chat.SubmitAsync(chat.Last, T("Status zetten", "Set status"));
        var statusForm = chat.Last;
        await chat.SubmitAsync(statusForm, T("Opslaan", "Save"), new { status = "Done", explanation = "" });
        await chat.SubmitAsync(statusForm, T("Opslaan", "Save"), new { status = "InDiscussion", explanation = "We bespreken het dinsdag." });
        await chat.SayAsync("thema's aanpassen " + idea.Id);
        await chat.SubmitAsync(chat.Last, T("Opslaan", "Save"), new { themes = "public-space,safety" });
        await chat.SayAsync(T("peiling nieuw", "new poll"));
        var pollForm = chat.Last;
        await chat.SubmitAsync(pollForm, T("Peiling maken", "Create poll"), new { agendaItem = "Speelplekken", question = "", neighbourhoods = "", closesDate = "2020-01-01", closesTime = "12:00" });
        await chat.SubmitAsync(pollForm, T("Peiling maken", "Create poll"), new
        {
            agendaItem = "Speelplekken", question = "Wat vind je van de speelplekken?", neighbourhoods = "pottenberg,nazareth",
            closesDate = DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), closesTime = "18:00", allowComment = "true",
        });
        await chat.SayAsync(T("peilingen", "polls"));
        await chat.SubmitAsync(chat.Last, T("Resultaten", "Results"));
        await chat.SayAsync(T("peilingen", "polls"));
        await chat.SubmitAsync(chat.Last, T("Sluiten", "Close"));
        await chat.SubmitAsync(chat.Last, T("Ja, sluiten", "Yes, close"));
        await chat.SayAsync(T("bijeenkomst nieuw", "new meeting"));
        var meetingForm = chat.Last;
        var date = DateTime.UtcNow.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await chat.SubmitAsync(meetingForm, T("Bijeenkomst plannen", "Plan meeting"), new { neighbourhood = "", title = "", place = "", date = "2020-01-01", start = "19:00", end = "18:00", places = "0", organiser = "" });
        await chat.SubmitAsync(meetingForm, T("Bijeenkomst plannen", "Plan meeting"), new { neighbourhood = "pottenberg", title = "Buurtsoep", description = "Samen soep eten.", place = "Buurthuis", date, start = "18:00", end = "20:00", places = "12", organiser = "trajekt@example.nl" });
        await chat.SayAsync(T("bijeenkomsten", "meetings"));
        await chat.SayAsync(T("abonneren", "subscribe"));
        await chat.SubmitAsync(chat.Last, T("Volgen", "Follow"), new { neighbourhood = "pottenberg", theme = "*" });
        await chat.SayAsync(T("beheerders", "managers"));
        await chat.SubmitAsync(chat.Last, T("Toevoegen", "Add"), new { objectId = "nope", label = "" });
        await chat.SayAsync(T("buurtpeiling", "pulse"));
        await chat.SubmitAsync(chat.Last, T("Opslaan", "Save"), new { periodLength = "", nl_agency = "", order_agency = "x" });
        await chat.SayAsync(T("bevolking nazareth", "population nazareth"));
        await chat.SubmitAsync(chat.Last, T("Opslaan", "Save"), new { band_15_24 = "-1", source = "" });
        await chat.SayAsync(T("rapportage pottenberg", "report pottenberg"));
        await chat.SayAsync(T("rapportage", "report"));
        await chat.SubmitAsync(chat.Last, "Nazareth");
        await chat.SayAsync("blabla");

        var sent = chat.All.Concat(chat.Updates).Where(a => Said.Card(a) is not null).ToList();
        return sent.Select((a, i) => (Name(locale, i, a), Said.Card(a)!)).ToList();
    }

    private static string Name(string locale, int index, Activity activity)
    {
        var first = Said.Text(activity).Split('\n')[0];
        return $"teams-{locale[..2]}-{index:00}-{first[..Math.Min(30, first.Length)]}";
    }
}
