namespace VeerkrachtBot.Core.Language.Understanding;

/// <summary>
/// Questions about the bot itself ("wat is dit?", "wie leest dit?", "is dit anoniem?"). Only when the question is
/// (nearly) all the text says: "wat is dit voor troep op de stoep?" is something to share, not a question to the bot.
/// </summary>
public static class BotQuestions
{
    private static readonly (BotQuestion Question, string[][] Phrases)[] Patterns =
    [
        (BotQuestion.Human, TypedWords.Phrases("ben jij een robot", "ben je een robot", "ben jij een bot", "ben je een bot", "ben jij een mens", "ben je een mens",
            "praat ik met een mens", "praat ik met een robot", "praat ik met een computer", "is dit een computer", "is dit een robot", "is dit een mens",
            "are you a real person", "are you a person", "are you a robot", "are you a bot", "are you human", "am i talking to a human", "am i talking to a person",
            "is this a bot", "is this a robot", "echt persoon", "echte persoon", "real person")),
        (BotQuestion.Privacy, TypedWords.Phrases("wat doen jullie met mijn", "wat doe je met mijn", "wat gebeurt er met mijn gegevens", "wat gebeurt er met mijn nummer",
            "is dit anoniem", "is het anoniem", "blijf ik anoniem", "anoniem", "anonymous", "bewaren jullie", "bewaar je", "wordt mijn naam", "wordt dit bewaard",
            "waarom wil je dat weten", "waarom wil jij dat weten", "waarom moet ik dat zeggen", "waarom vraag je dat", "why do you need", "why do you want to know",
            "why do you ask", "what do you do with my", "do you store", "do you keep", "privacy")),
        (BotQuestion.WhoReads, TypedWords.Phrases("wie leest dit", "wie leest het", "wie leest mijn", "wie leest er", "wie krijgt mijn", "wie krijgt dit", "wie ziet dit",
            "wie ziet mijn", "wie ziet het", "wie dan", "wie neemt er contact op", "wie neemt contact op", "wie belt mij", "wie belt me", "wie mailt mij",
            "wat gebeurt er met mijn idee", "wat gebeurt er met mijn bericht", "wat gebeurt er met mijn melding", "wat doen jullie ermee", "wat doen jullie daarmee",
            "krijg ik antwoord", "krijg ik een antwoord", "krijg ik reactie", "who reads", "who will read", "who sees", "who will see", "who gets",
            "who will contact", "who calls", "what happens with my", "what happens to my", "will i get an answer", "will i get a reply")),
        (BotQuestion.About, TypedWords.Phrases("wat is dit", "wat is dat", "wat is het", "wat kan ik hier", "wat kan ik doen", "wat moet ik hier", "wat moet ik doen",
            "hoe werkt dit", "hoe werkt het", "wie ben jij", "wie ben je", "wie zijn jullie", "waar gaat dit over", "wat betekent dat", "wat betekent dit",
            "wat bedoel je", "wie organiseert", "what is this", "what is that", "what's this", "whats this", "what can i do", "how does this work",
            "how does it work", "who are you", "what do you mean", "what does that mean", "who organises", "who organizes")),
    ];

    // Words about the bot that may follow the question without making it a message ("Wat is dit voor chat?").
    private static readonly HashSet<string> AboutTheBot = ["chat", "bot", "app", "site", "website", "dienst", "gesprek", "ding", "service", "thing", "dan", "eigenlijk", "precies", "gegevens", "nummer", "naam", "data", "number", "name", "details", "idee", "bericht", "melding", "message", "idea",
        "schrijf", "schrijven", "zeg", "typ", "type", "write", "say", "bewaard", "opgeslagen", "gedeeld", "stored", "saved", "kept", "shared"];

    /// <summary>The question the text asks about the bot, or null.</summary>
    public static BotQuestion? Recognize(TypedWords typed)
    {
        var words = typed.Words;
        if (words.Count == 0 || words.Count > 12)
        {
            return null;
        }

        foreach (var (question, phrases) in Patterns)
        {
            foreach (var phrase in phrases)
            {
                var at = TypedWords.IndexOf(words, phrase);
                if (at < 0)
                {
                    continue;
                }

                var rest = words.Take(at).Concat(words.Skip(at + phrase.Length)).ToList();
                if (Lexicon.ContentWords(rest).All(AboutTheBot.Contains))
                {
                    return question;
                }
            }
        }

        return null;
    }

}
