using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Bot.Conversations;

/// <summary>
/// Everything the bot says to residents, in plain Dutch (B1) and English. Warm, short sentences; never
/// stigmatising words about the neighbourhood.
/// </summary>
public sealed record BotTexts
{
    public required ResidentLanguage Language { get; init; }
    public required string Welcome { get; init; }
    public required string MenuIntro { get; init; }
    public required string ShareIdea { get; init; }
    public required string Meetings { get; init; }
    public required string Polls { get; init; }
    public required string MyData { get; init; }
    public required string OtherLanguage { get; init; }
    public required string NotYetAvailable { get; init; }
    public required string NotUnderstood { get; init; }
    public required string TooLong { get; init; }
    public required string OnlyText { get; init; }
    public required string Help { get; init; }
    public required string Stopped { get; init; }
    public required string LanguageChosen { get; init; }
    public required string SomethingWentWrong { get; init; }

    public static BotTexts Dutch { get; } = new()
    {
        Language = ResidentLanguage.Dutch,
        Welcome = "Hoi! Ik ben VeerkrachtBot, de chat van de buurt voor Pottenberg en Nazareth. " +
                  "Bij mij kun je een idee of zorg over je buurt delen. Je ziet welke bijeenkomsten er zijn, " +
                  "en je kunt meedoen met korte vragen over de buurt. Alles wat je vertelt, lezen de mensen van de gemeente, " +
                  "de woningcorporatie, welzijn en de wijkagent.",
        MenuIntro = "Wat wil je doen?",
        ShareIdea = "Idee of zorg delen",
        Meetings = "Bijeenkomsten",
        Polls = "Vragen over de buurt",
        MyData = "Mijn gegevens",
        OtherLanguage = "English",
        NotYetAvailable = "Dit onderdeel ({0}) kan nog niet via de chat. We bouwen eraan. Kies iets anders, of kom later terug.",
        NotUnderstood = "Sorry, dat begrijp ik nog niet goed. Kies hieronder wat je wilt doen. Je kunt ook ‘menu’ of ‘help’ typen.",
        TooLong = "Je bericht is te lang voor mij. Ik kan maximaal {0} tekens lezen. Wil je het korter maken, of in een paar losse berichten sturen?",
        OnlyText = "Ik kan nu alleen tekst lezen. Typ je bericht, of kies iets uit het menu.",
        Help = "Je kunt altijd deze woorden typen: ‘menu’ om opnieuw te kiezen, ‘stop’ om te stoppen met wat je aan het doen bent, " +
               "‘English’ om Engels te praten en ‘Nederlands’ voor Nederlands.",
        Stopped = "Oké, we stoppen hiermee. Je kunt altijd opnieuw beginnen.",
        LanguageChosen = "Vanaf nu praat ik Nederlands met je.",
        SomethingWentWrong = "Sorry, er ging iets mis aan mijn kant. Probeer het nog een keer, of typ ‘menu’.",
    };

    public static BotTexts English { get; } = new()
    {
        Language = ResidentLanguage.English,
        Welcome = "Hi! I am VeerkrachtBot, the neighbourhood chat for Pottenberg and Nazareth. " +
                  "Here you can share an idea or a concern about your neighbourhood. You can see which meetings are coming up, " +
                  "and you can answer short questions about the neighbourhood. What you tell me is read by the people of the city council, " +
                  "the housing corporation, welfare and the community police officer.",
        MenuIntro = "What would you like to do?",
        ShareIdea = "Share an idea or concern",
        Meetings = "Meetings",
        Polls = "Neighbourhood questions",
        MyData = "My data",
        OtherLanguage = "Nederlands",
        NotYetAvailable = "This part ({0}) is not available in the chat yet. We are working on it. Please choose something else, or come back later.",
        NotUnderstood = "Sorry, I do not understand that yet. Please choose below what you want to do. You can also type ‘menu’ or ‘help’.",
        TooLong = "Your message is too long for me. I can read at most {0} characters. Could you make it shorter, or send it in a few separate messages?",
        OnlyText = "For now I can only read text. Please type your message, or choose something from the menu.",
        Help = "You can always type these words: ‘menu’ to choose again, ‘stop’ to stop what you are doing, " +
               "‘Nederlands’ to talk Dutch and ‘English’ to talk English.",
        Stopped = "Okay, we stop here. You can start again at any time.",
        LanguageChosen = "From now on I will talk English with you.",
        SomethingWentWrong = "Sorry, something went wrong on my side. Please try again, or type ‘menu’.",
    };

    public static BotTexts For(ResidentLanguage language) => language == ResidentLanguage.English ? English : Dutch;

    public static BotTexts For(string? locale) => For(ResidentLanguages.FromLocale(locale));
}
