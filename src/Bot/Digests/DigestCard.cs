using Newtonsoft.Json.Linq;
using VeerkrachtBot.Core.Digests;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Neighbourhoods;
using static VeerkrachtBot.Bot.Digests.CardElements;

namespace VeerkrachtBot.Bot.Digests;

/// <summary>Names and images the digest card needs besides the digest itself.</summary>
/// <param name="Neighbourhoods">For neighbourhood names.</param>
/// <param name="Themes">For theme labels.</param>
/// <param name="ThemesChart">Where the themes chart is (a signed public link in Teams, a file name in the preview), or none.</param>
public sealed record DigestCardContext(NeighbourhoodCatalog Neighbourhoods, ThemeCatalog Themes, Uri? ThemesChart);

/// <summary>
/// The digest as an Adaptive Card for Teams, to be read in a minute: one summary line, then safety first, what residents
/// raised (clusters), participation, themes and mood, what happened, meetings and polls. Residents' words only as
/// redacted quotes in TextRuns; no figure the digest hid.
/// </summary>
public static class DigestCard
{
    /// <summary>The themes chart of the digest, or null when no theme reaches the minimum group size.</summary>
    public static Chart? ThemesChart(Digest digest, ThemeCatalog themes)
    {
        if (digest.Themes.Count == 0)
        {
            return null;
        }

        var bars = digest.Themes.Take(10).Select(t => (themes.Label(t.ThemeId, "nl"), t.Ideas)).ToList();
        return ChartRenderer.HorizontalBars("themes", "Ideeën per thema", bars, ThemesText(digest, themes));
    }

    /// <summary>The text alternative of the themes chart, also shown under it.</summary>
    public static string ThemesText(Digest digest, ThemeCatalog themes) =>
        "Ideeën per thema: " + string.Join(", ", digest.Themes.Take(10).Select(t => $"{themes.Label(t.ThemeId, "nl")} {t.Ideas}")) + ".";

    public static JObject Build(Digest digest, DigestCardContext context)
    {
        var places = string.Join(" en ", digest.Filter.NeighbourhoodIds.Select(id => context.Neighbourhoods.Find(id)?.Name ?? id));
        var title = DigestTexts.Title(digest.Period.Kind, places);
        var subtitle = $"{DigestTexts.Dates(digest.Period)} · {DigestTexts.Themes(digest.Filter.ThemeIds.Select(t => context.Themes.Label(t, "nl")).ToList())}";
        var body = new JArray
        {
            Paragraph(title, bold: true, size: "Large"),
            Paragraph(subtitle, subtle: true, spacing: "None"),
        };
        var actions = new List<JObject>();

        if (digest.IsEmpty)
        {
            body.Add(Paragraph(DigestTexts.NothingNew(digest, places), spacing: "Medium"));
            actions.Add(Submit("Abonnement aanpassen", DigestActions.Subscription(digest.Filter)));
            return Card($"{title} ({DigestTexts.Dates(digest.Period)}): niets nieuws.", body, actions);
        }

        var summary = Summary(digest);
        body.Add(Paragraph(summary, spacing: "Small"));

        var flaggedClusters = digest.Clusters.Where(c => c.Flag != IdeaFlag.None).ToList();
        if (flaggedClusters.Count > 0 || digest.Flagged.Count > 0)
        {
            var items = new List<JToken>();
            items.AddRange(flaggedClusters.Select(c => ClusterBlock(digest, c, context)));
            foreach (var idea in digest.Flagged)
            {
                items.Add(Group(
                [
                    Paragraph([Run(DigestTexts.Flag(idea.Flag) + " · ", bold: true, color: "Attention"), Run(IdeaFacts(idea, context), subtle: true)]),
                    Quote(idea.Text),
                    Buttons(Submit("Status zetten", DigestActions.Status(idea.IdeaId))),
                ]));
            }

            body.Add(Section("Eerst: veiligheid en spoed", items, style: "attention"));
        }

        var otherClusters = digest.Clusters.Where(c => c.Flag == IdeaFlag.None).ToList();
        if (otherClusters.Count > 0 || digest.IdeasOutsideClusters.Value > 0)
        {
            var items = otherClusters.Select(c => (JToken)ClusterBlock(digest, c, context)).ToList();
            if (digest.IdeasOutsideClusters.Value is > 0 and var rest)
            {
                items.Add(Paragraph($"Verder {rest} {(rest == 1 ? "idee" : "ideeën")} over andere onderwerpen.", subtle: true, spacing: "Medium"));
            }
            else if (!digest.IdeasOutsideClusters.Shown)
            {
                items.Add(Paragraph($"Verder een paar ideeën over andere onderwerpen (van minder dan {digest.MinGroupSize} bewoners).", subtle: true, spacing: "Medium"));
            }

            body.Add(Section("Wat bewoners inbrachten", items));
        }

        body.Add(Section("Deelname", Participation(digest)));

        var themeItems = new List<JToken>();
        if (context.ThemesChart is { } chart && digest.Themes.Count > 0)
        {
            themeItems.Add(Image(chart, ThemesText(digest, context.Themes)));
        }

        if (digest.Themes.Count > 0)
        {
            themeItems.Add(Paragraph(ThemesText(digest, context.Themes), spacing: "Small"));
        }

        themeItems.Add(Paragraph(Mood(digest), spacing: "Small"));
        body.Add(Section("Thema's en stemming", themeItems));

        var happened = Happened(digest, context);
        if (happened.Count > 0)
        {
            body.Add(Section("Wat er gebeurde", happened));
        }

        var agenda = Agenda(digest, context);
        if (agenda.Count > 0)
        {
            body.Add(Section("Bijeenkomsten en peilingen", agenda));
        }

        actions.Add(Submit("Alle ideeën van deze " + DigestTexts.PeriodName(digest.Period.Kind), DigestActions.Ideas(digest)));
        actions.Add(Submit("Abonnement aanpassen", DigestActions.Subscription(digest.Filter)));
        return Card($"{title} ({DigestTexts.Dates(digest.Period)}). {summary}", body, actions);
    }

    private static string Summary(Digest digest)
    {
        var parts = new List<string>();
        var p = digest.Participation;
        var change = DigestTexts.Change(p.Residents.ChangeFrom(digest.PreviousParticipation.Residents), digest.Period.Kind);
        parts.Add($"{DigestTexts.Residents(p.Residents, digest.MinGroupSize)} deden mee{(change.Length > 0 ? $" ({change})" : "")}.");
        var flagged = digest.Clusters.Count(c => c.Flag != IdeaFlag.None) + digest.Flagged.Count;
        if (flagged > 0)
        {
            parts.Add(flagged == 1 ? "1 melding over veiligheid of spoed staat bovenaan." : $"{flagged} meldingen over veiligheid of spoed staan bovenaan.");
        }

        if (digest.Clusters.OrderByDescending(c => c.Residents).FirstOrDefault() is { } largest)
        {
            parts.Add($"Meest genoemd: {largest.Label} ({largest.Residents} bewoners).");
        }

        return string.Join(" ", parts);
    }

    private static JObject ClusterBlock(Digest digest, ConcernCluster cluster, DigestCardContext context)
    {
        var trend = DigestTexts.Trend(cluster, digest.MinGroupSize, digest.Period.Kind);
        var heading = new List<JObject>();
        if (cluster.Flag != IdeaFlag.None)
        {
            heading.Add(Run(DigestTexts.Flag(cluster.Flag) + " · ", bold: true, color: "Attention"));
        }

        heading.Add(Run($"{cluster.Residents} bewoners: {cluster.Label}", bold: true));
        if (trend.Length > 0)
        {
            heading.Add(Run(" · " + trend, color: cluster.Trend == ClusterTrend.Grown ? "Warning" : "Accent"));
        }

        var facts = string.Join(" · ",
            string.Join(", ", cluster.ThemeIds.Select(t => context.Themes.Label(t, "nl"))),
            string.Join(", ", cluster.NeighbourhoodIds.Select(n => context.Neighbourhoods.Find(n)?.Name ?? n)),
            "overwegend " + DigestTexts.Sentiment(cluster.Sentiment),
            cluster.Ideas == 1 ? "1 idee" : $"{cluster.Ideas} ideeën");
        return Group(
        [
            Paragraph(heading),
            Paragraph(facts, subtle: true, spacing: "None"),
            Quote(cluster.Quote),
            Buttons(Submit(cluster.Ideas == 1 ? "Bekijk het idee" : $"Bekijk de {cluster.Ideas} ideeën", DigestActions.Cluster(digest, cluster))),
        ]);
    }

    private static string IdeaFacts(DigestIdeaLine idea, DigestCardContext context) => string.Join(" · ",
        string.Join(", ", idea.ThemeIds.Take(2).Select(t => context.Themes.Label(t, "nl"))),
        context.Neighbourhoods.Find(idea.NeighbourhoodId)?.Name ?? idea.NeighbourhoodId,
        DigestTexts.Day(idea.ReceivedAt));

    private static List<JToken> Participation(Digest digest)
    {
        var (p, before, min) = (digest.Participation, digest.PreviousParticipation, digest.MinGroupSize);
        string WithChange(string text, Figure now, Figure then) =>
            DigestTexts.Change(now.ChangeFrom(then), digest.Period.Kind) is { Length: > 0 } change ? $"{text} ({change})" : text;

        var residents = WithChange(DigestTexts.Residents(p.Residents, min) + " deden mee", p.Residents, before.Residents);
        var split = p.NewResidents.Value is { } fresh && p.ReturningResidents.Value is { } back
            ? $": {fresh} nieuw, {back} kwamen terug"
            : p.Residents.Shown && p.Residents.Value > 0 ? " (nieuw en terugkerend: te weinig om te splitsen)" : "";
        return
        [
            Paragraph(residents + split + ".", spacing: "Small"),
            Paragraph(string.Join(" · ",
                WithChange(DigestTexts.Count(p.Ideas, min, "idee", "ideeën"), p.Ideas, before.Ideas),
                WithChange(DigestTexts.Count(p.Rsvps, min, "aanmelding voor een bijeenkomst", "aanmeldingen voor bijeenkomsten"), p.Rsvps, before.Rsvps),
                WithChange(DigestTexts.Count(p.PollAnswers, min, "peilingantwoord", "peilingantwoorden"), p.PollAnswers, before.PollAnswers)), spacing: "None"),
        ];
    }

    private static string Mood(Digest digest) => digest.Sentiment is { } split
        ? "Stemming van de ideeën: " + string.Join(", ", split.Percentages.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key)
            .Where(kv => kv.Value > 0).Select(kv => $"{kv.Value}% {DigestTexts.Sentiment(kv.Key)}")) + "."
        : $"Stemming: te weinig bewoners (minder dan {digest.MinPercentageBase}) voor percentages.";

    private static List<JToken> Happened(Digest digest, DigestCardContext context)
    {
        var items = new List<JToken>();
        if (digest.StatusChangeCount > 0)
        {
            items.Add(Paragraph(digest.StatusChangeCount == 1 ? "1 idee kreeg een nieuwe status:" : $"{digest.StatusChangeCount} keer kreeg een idee een nieuwe status{(digest.StatusChangeCount > digest.StatusChanges.Count ? $", de laatste {digest.StatusChanges.Count}" : "")}:", spacing: "Small"));
            foreach (var change in digest.StatusChanges)
            {
                var lines = new List<JToken>
                {
                    Paragraph([Run(char.ToUpper(DigestTexts.Status(change.Status)[0], DigestTexts.Culture) + DigestTexts.Status(change.Status)[1..], bold: true), Run(" · " + IdeaFacts(change.Idea, context) + " · gewijzigd " + DigestTexts.Day(change.ChangedAt), subtle: true)]),
                    Quote(change.Idea.Text),
                };
                if (change.Explanation is { Length: > 0 } explanation)
                {
                    lines.Add(Paragraph([Run("Uitleg aan de bewoner: ", bold: true), Run(explanation)], "None"));
                }

                items.Add(Group(lines));
            }
        }

        if (digest.Waiting.Count > 0)
        {
            items.Add(Paragraph("Wachten het langst op een eerste reactie:", bold: true, spacing: "Medium"));
            foreach (var waiting in digest.Waiting)
            {
                items.Add(Group(
                [
                    Paragraph([Run(DigestTexts.Days(waiting.DaysWaiting), bold: true), Run(" · " + IdeaFacts(waiting.Idea, context), subtle: true)]),
                    Quote(waiting.Idea.Text),
                    Buttons(Submit("Status zetten", DigestActions.Status(waiting.Idea.IdeaId))),
                ]));
            }
        }

        return items;
    }

    private static List<JToken> Agenda(Digest digest, DigestCardContext context)
    {
        var items = new List<JToken>();
        var min = digest.MinGroupSize;
        foreach (var meeting in digest.Meetings)
        {
            var place = context.Neighbourhoods.Find(meeting.NeighbourhoodId)?.Name ?? meeting.NeighbourhoodId;
            var attendance = meeting.Confirmed.Value is { } confirmed
                ? $"{confirmed} aangemeld" + (meeting.Waiting.Value is > 0 and var waiting ? $", {waiting} op de wachtlijst" : meeting.Waiting.Shown ? "" : ", een paar op de wachtlijst")
                : $"minder dan {min} aangemeld";
            var full = meeting.Full ? " · vol" : "";
            items.Add(Paragraph(
            [
                Run(DigestTexts.DayAndTime(meeting.StartsAt) + (meeting.InNextPeriod ? " (volgende " + DigestTexts.PeriodName(digest.Period.Kind) + ")" : "") + " · ", bold: true),
                Run($"{meeting.Title} ({place}) · {attendance}{full}"),
            ], "Small"));
        }

        foreach (var poll in digest.Polls)
        {
            var results = poll.Respondents.Value is { } n
                ? $"{n} antwoorden" + (poll.Mean is { } mean ? $", gemiddeld {DigestTexts.Number(mean)} van 5" : "")
                : $"minder dan {min} antwoorden";
            items.Add(Group(
            [
                Paragraph([Run("Peiling · " + DigestTexts.PollState(poll.Status, poll.Open, poll.ClosesAt) + " · ", bold: true), Run($"{poll.AgendaItem}: {poll.Question}")]),
                Paragraph(results, subtle: true, spacing: "None"),
                Buttons(Submit("Resultaten", DigestActions.Poll(poll.PollId))),
            ]));
        }

        return items;
    }
}
