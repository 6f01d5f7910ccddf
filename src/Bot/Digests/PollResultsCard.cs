using Newtonsoft.Json.Linq;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Polls;
using static VeerkrachtBot.Bot.Digests.CardElements;

namespace VeerkrachtBot.Bot.Digests;

/// <summary>What the poll-results card needs besides the results.</summary>
/// <param name="Neighbourhoods">For neighbourhood names.</param>
/// <param name="DistributionChart">Where the chart of the answers is, or none.</param>
/// <param name="RefreshUserIds">Teams users (MRIs) for whom the card refreshes itself while the poll is open; Teams takes at most 60.</param>
public sealed record PollResultsCardContext(NeighbourhoodCatalog Neighbourhoods, Uri? DistributionChart, IReadOnlyList<string>? RefreshUserIds = null);

/// <summary>
/// A poll's results for the programme manager and subscribers: respondents, mean with its 95 % interval, the answers
/// 1–5 as a chart with a text alternative, neighbourhoods, and what the comments say. While the poll is open the card
/// carries a Teams <c>refresh</c> (Action.Execute) so the numbers stay live, and a "Vernieuwen" button
/// (Action.Submit) where refresh does not run.
/// </summary>
public static class PollResultsCard
{
    /// <summary>Teams refreshes a card automatically for at most this many users.</summary>
    public const int MaxRefreshUsers = 60;

    /// <summary>The chart of the answers, or null when too few answered to show a distribution.</summary>
    public static Chart? DistributionChart(PollResultsReport report) => report.Distribution is { } distribution
        ? ChartRenderer.VerticalBars("answers", "Antwoorden", distribution.Select(d => (DigestTexts.Answer(d.Score), d.Count)).ToList(), DistributionText(report))
        : null;

    public static string DistributionText(PollResultsReport report) => report.Distribution is { } distribution
        ? "Antwoorden: " + string.Join(", ", distribution.Select(d => $"{DigestTexts.Answer(d.Score)}: {d.Count} ({d.Percent}%)")) + "."
        : "";

    public static JObject Build(PollResultsReport report, PollResultsCardContext context)
    {
        var poll = report.Poll;
        var body = new JArray
        {
            Paragraph("Peiling: " + poll.AgendaItem, bold: true, size: "Large"),
            Paragraph(poll.Question, spacing: "None"),
            Paragraph((report.Open ? $"Open tot {DigestTexts.DayAndTime(poll.ClosesAt)}" : "Gesloten") + $" · bijgewerkt {DigestTexts.DayAndTime(report.At)}", subtle: true, spacing: "None"),
        };

        var summary = report.Respondents.Value is { } n
            ? $"{n} {(n == 1 ? "bewoner antwoordde" : "bewoners antwoordden")}."
            : "Nog te weinig antwoorden om cijfers te tonen (minder dan " + MinGroup(report) + ").";
        var results = new List<JToken> { Paragraph(summary, spacing: "Small") };
        if (report.Mean is { } mean)
        {
            results.Add(Paragraph([Run("Gemiddeld " + DigestTexts.Number(mean.Mean) + " van 5", bold: true), Run($" (95%-betrouwbaarheidsinterval {DigestTexts.Number(mean.Lower)} – {DigestTexts.Number(mean.Upper)})")], "None"));
        }

        if (context.DistributionChart is { } chart && report.Distribution is not null)
        {
            results.Add(Image(chart, DistributionText(report)));
        }

        results.Add(Paragraph(report.Distribution is null ? "Verdeling: te weinig antwoorden voor percentages." : DistributionText(report), spacing: "Small"));
        var perNeighbourhood = report.PerNeighbourhood.Select(r => $"{context.Neighbourhoods.Find(r.NeighbourhoodId)?.Name ?? r.NeighbourhoodId} {(r.Respondents.Value is { } v ? v.ToString(DigestTexts.Culture) : "(te weinig om te tonen)")}");
        results.Add(Paragraph("Per buurt: " + string.Join(" · ", perNeighbourhood), spacing: "Small"));
        body.Add(Section("Uitslag tot nu toe", results));

        if (poll.AllowComment)
        {
            var comments = report.Comments;
            var items = new List<JToken>
            {
                Paragraph(comments.Comments.Value is { } c ? $"{c} {(c == 1 ? "opmerking" : "opmerkingen")}." : $"Minder dan {MinGroup(report)} opmerkingen: niets te tonen.", spacing: "Small"),
            };
            if (comments.SentimentPercentages is { } mood)
            {
                items.Add(Paragraph("Stemming: " + string.Join(", ", mood.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Where(kv => kv.Value > 0)
                    .Select(kv => $"{kv.Value}% {DigestTexts.Sentiment(kv.Key)}")) + ".", spacing: "None"));
            }

            if (comments.TopPhrases.Count > 0)
            {
                items.Add(Paragraph("Vaak genoemd: " + string.Join(", ", comments.TopPhrases) + ".", spacing: "None"));
            }

            items.AddRange(comments.Quotes.Select(Quote));
            body.Add(Section("Opmerkingen", items));
        }

        var refreshAction = DigestActions.RefreshPoll(poll.Id);
        var card = Card($"Peiling {poll.AgendaItem}: {summary}", body, [Submit("Cijfers vernieuwen", refreshAction)]);
        if (report.Open)
        {
            var refresh = new JObject
            {
                ["action"] = new JObject
                {
                    ["type"] = "Action.Execute",
                    ["title"] = "Cijfers vernieuwen",
                    ["verb"] = DigestActions.RefreshPollResultsVerb,
                    ["data"] = refreshAction.ToData(),
                },
            };
            if (context.RefreshUserIds is { Count: > 0 } users)
            {
                refresh["userIds"] = new JArray(users.Distinct(StringComparer.Ordinal).Take(MaxRefreshUsers));
            }

            card["refresh"] = refresh;
        }

        return card;
    }

    private static string MinGroup(PollResultsReport report) => report.MinGroupSize.ToString(DigestTexts.Culture);
}
