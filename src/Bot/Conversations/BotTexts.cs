using System.Globalization;
using VeerkrachtBot.Bot.Ideas;
using VeerkrachtBot.Bot.Meetings;
using VeerkrachtBot.Bot.Polls;
using VeerkrachtBot.Bot.Privacy;
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
    public required string MeetingsTitle { get; init; }
    public required string PollsTitle { get; init; }
    public required string MyIdeas { get; init; }
    public required string MyData { get; init; }
    public required string OtherLanguage { get; init; }
    public required string BackToMenu { get; init; }
    public required string AskNeighbourhood { get; init; }
    public required string OnePerson { get; init; }
    public required string People { get; init; }
    public required string OnePlace { get; init; }
    public required string Places { get; init; }
    public required string RateLimited { get; init; }
    public required string ChoiceGone { get; init; }
    public required string OnlyOneToOne { get; init; }
    public required IdeaTexts Ideas { get; init; }
    public required MeetingTexts Meetings { get; init; }
    public required PollTexts Polls { get; init; }
    public required PrivacyTexts Privacy { get; init; }
    public required string NotUnderstood { get; init; }
    public required string TooLong { get; init; }
    public required string OnlyText { get; init; }
    public required string Help { get; init; }
    public required string Stopped { get; init; }
    public required string LanguageChosen { get; init; }
    public required string SomethingWentWrong { get; init; }

    /// <summary>The database was briefly unreachable: nothing was lost, the conversation stays where it was.</summary>
    public required string TryAgainShortly { get; init; }

    public required string MenuLead { get; init; }
    public required string YouAreWelcome { get; init; }
    public required string NotANeighbourhood { get; init; }
    public required string SomewhereElse { get; init; }
    public required string NeighbourhoodRemembered { get; init; }
    public required string AnswerAbout { get; init; }
    public required string AnswerWhoReads { get; init; }

    /// <summary>The link to the neighbourhood's public page ("wat de buurt zei"), under the answer about the bot; {0} is the neighbourhood.</summary>
    public required string NeighbourhoodPageLink { get; init; }
    public required string AnswerPrivacy { get; init; }
    public required string AnswerHuman { get; init; }

    /// <summary>Said under a reply in the language the resident wrote in, beside the offer to keep it.</summary>
    public required string LanguageFollowed { get; init; }

    /// <summary>The button that keeps this language from now on.</summary>
    public required string KeepThisLanguage { get; init; }

    public static BotTexts Dutch { get; } = new()
    {
        Language = ResidentLanguage.Dutch,
        Welcome = "Hoi! Ik ben VeerkrachtBot, de chat van de buurt voor Pottenberg en Nazareth. " +
                  "Hier deel je een idee of zorg over je buurt, zie je de bijeenkomsten en doe je mee met korte vragen.",
        MenuIntro = "Wat wil je doen?",
        ShareIdea = "Idee of zorg delen",
        MeetingsTitle = "Bijeenkomsten",
        PollsTitle = "Vragen over de buurt",
        MyIdeas = "Mijn ideeën",
        MyData = "Mijn gegevens",
        OtherLanguage = "English",
        BackToMenu = "Terug naar het menu",
        AskNeighbourhood = "In welke buurt woon je? Dan onthoud ik dat.",
        OnePerson = "1 persoon",
        People = "{0} personen",
        OnePlace = "1 plek",
        Places = "{0} plekken",
        RateLimited = "Je stuurt veel berichten kort na elkaar. Wacht even een minuutje, dan lees ik weer mee.",
        ChoiceGone = "Die keuze hoort bij een eerder gesprek. Kies hieronder opnieuw.",
        OnlyOneToOne = "Ik praat alleen één op één, want wat je deelt is persoonlijk. Stuur me een eigen bericht, dan help ik je graag.",
        Ideas = IdeaTexts.Dutch,
        Meetings = MeetingTexts.Dutch,
        Polls = PollTexts.Dutch,
        Privacy = PrivacyTexts.Dutch,
        NotUnderstood = "Sorry, dat begrijp ik nog niet goed. Kies hieronder wat je wilt doen. Je kunt ook ‘menu’ of ‘help’ typen.",
        TooLong = "Je bericht is te lang voor mij. Ik kan maximaal {0} tekens lezen. Wil je het korter maken, of in een paar losse berichten sturen?",
        OnlyText = "Ik kan nu alleen tekst lezen. Typ je bericht, of kies iets uit het menu.",
        Help = "Je kunt altijd deze woorden typen: ‘menu’ om opnieuw te kiezen, ‘stop’ om te stoppen met wat je aan het doen bent, " +
               "‘English’ om Engels te praten en ‘Nederlands’ voor Nederlands.",
        Stopped = "Oké, we stoppen hiermee. Je kunt altijd opnieuw beginnen.",
        LanguageChosen = "Vanaf nu praat ik Nederlands met je.",
        SomethingWentWrong = "Sorry, er ging iets mis aan mijn kant. Probeer het nog een keer, of typ ‘menu’.",
        TryAgainShortly = "Sorry, het lukt me nu even niet om dit te bewaren. Probeer het over een minuutje nog een keer. We gaan dan verder waar je was.",
        MenuLead = "Dit kun je bij mij doen.",
        YouAreWelcome = "Graag gedaan! Wil je nog iets anders doen?",
        NotANeighbourhood = "Ik ken alleen Pottenberg en Nazareth. Woon je ergens anders? Kies dan ‘Ergens anders’.",
        SomewhereElse = "Ergens anders",
        NeighbourhoodRemembered = "Fijn, ik onthoud dat je in {0} woont.",
        AnswerAbout = "Ik ben VeerkrachtBot, de chat van de buurt voor Pottenberg en Nazareth. Ik ben een computer, geen mens. " +
                      "Hier deel je een idee of zorg over je buurt, zie je de bijeenkomsten en doe je mee met korte vragen. " +
                      "Op de pagina van je buurt zie je wat bewoners deelden en wat ermee gebeurde.",
        NeighbourhoodPageLink = "Wat de buurt zei: {0}",
        AnswerWhoReads = "Mensen van de gemeente Maastricht, de woningcorporaties, welzijn (Trajekt) en de wijkagent lezen wat je deelt. Zij zien je naam niet. " +
                         "Ze lezen het op werkdagen, niet dag en nacht. Bij ‘Mijn ideeën’ zie je wat ermee gebeurt.",
        AnswerPrivacy = "Ik ken je naam niet: voor mij ben je een code. Namen, adressen en telefoonnummers haal ik uit je bericht. " +
                        "Bij ‘Mijn gegevens’ zie je wat ik bewaar en hoe lang, en kun je alles laten verwijderen.",
        AnswerHuman = "Ik ben een computer, geen mens. Wat je deelt, lezen wel echte mensen: van de gemeente, de woningcorporaties, welzijn en de wijkagent.",
        LanguageFollowed = "Je schrijft Nederlands, dus ik praat nu Nederlands met je.",
        KeepThisLanguage = "Blijf Nederlands praten",
    };

    public static BotTexts English { get; } = new()
    {
        Language = ResidentLanguage.English,
        Welcome = "Hi! I am VeerkrachtBot, the neighbourhood chat for Pottenberg and Nazareth. " +
                  "Here you can share an idea or a concern about your neighbourhood, see the meetings and answer short questions.",
        MenuIntro = "What would you like to do?",
        ShareIdea = "Share an idea or concern",
        MeetingsTitle = "Meetings",
        PollsTitle = "Neighbourhood questions",
        MyIdeas = "My ideas",
        MyData = "My data",
        OtherLanguage = "Nederlands",
        BackToMenu = "Back to the menu",
        AskNeighbourhood = "Which neighbourhood do you live in? I will remember it.",
        OnePerson = "1 person",
        People = "{0} people",
        OnePlace = "1 place",
        Places = "{0} places",
        RateLimited = "You are sending many messages in a short time. Please wait a minute, then I will read along again.",
        ChoiceGone = "That choice belongs to an earlier conversation. Please choose again below.",
        OnlyOneToOne = "I only talk one to one, because what you share is personal. Send me a private message and I am happy to help.",
        Ideas = IdeaTexts.English,
        Meetings = MeetingTexts.English,
        Polls = PollTexts.English,
        Privacy = PrivacyTexts.English,
        NotUnderstood = "Sorry, I do not understand that yet. Please choose below what you want to do. You can also type ‘menu’ or ‘help’.",
        TooLong = "Your message is too long for me. I can read at most {0} characters. Could you make it shorter, or send it in a few separate messages?",
        OnlyText = "For now I can only read text. Please type your message, or choose something from the menu.",
        Help = "You can always type these words: ‘menu’ to choose again, ‘stop’ to stop what you are doing, " +
               "‘Nederlands’ to speak Dutch and ‘English’ to speak English.",
        Stopped = "Okay, we stop here. You can start again at any time.",
        LanguageChosen = "From now on I will speak English with you.",
        SomethingWentWrong = "Sorry, something went wrong on my side. Please try again, or type ‘menu’.",
        TryAgainShortly = "Sorry, I cannot save this right now. Please try again in a minute. We will carry on where you were.",
        MenuLead = "This is what you can do here.",
        YouAreWelcome = "You're welcome! Is there anything else you would like to do?",
        NotANeighbourhood = "I only know Pottenberg and Nazareth. Do you live somewhere else? Then choose ‘Somewhere else’.",
        SomewhereElse = "Somewhere else",
        NeighbourhoodRemembered = "Thank you, I will remember that you live in {0}.",
        AnswerAbout = "I am VeerkrachtBot, the neighbourhood chat for Pottenberg and Nazareth. I am a computer, not a person. " +
                      "Here you can share an idea or a concern about your neighbourhood, see the meetings and answer short questions. " +
                      "On your neighbourhood's page you can see what residents shared and what happened with it.",
        NeighbourhoodPageLink = "What the neighbourhood said: {0}",
        AnswerWhoReads = "People from the city of Maastricht, the housing corporations, welfare (Trajekt) and the community police officer read what you share. They do not see your name. " +
                         "They read it on working days, not day and night. In ‘My ideas’ you can see what happens with it.",
        AnswerPrivacy = "I do not know your name: to me you are a code. I take names, addresses and phone numbers out of your message. " +
                        "In ‘My data’ you can see what I keep and for how long, and you can have everything deleted.",
        AnswerHuman = "I am a computer, not a person. But real people read what you share: from the city, the housing corporations, welfare and the police.",
        LanguageFollowed = "You wrote in English, so I am answering in English.",
        KeepThisLanguage = "Keep speaking English",
    };

    /// <summary>The culture for dates and numbers: Dutch, or British English (day before month, 24-hour clock).</summary>
    public CultureInfo Culture => CultureInfo.GetCultureInfo(Language == ResidentLanguage.English ? "en-GB" : "nl-NL");

    /// <summary>"lang" of cards: nl or en.</summary>
    public string Lang => Language == ResidentLanguage.English ? "en" : "nl";

    /// <summary>Fills a text's {0}, {1}, ... in this language's culture.</summary>
    public string Format(string text, params object[] args) => string.Format(Culture, text, args);

    /// <summary>"1 persoon", "3 personen".</summary>
    public string PartyOf(int size) => size == 1 ? OnePerson : Format(People, size);

    /// <summary>"1 plek", "4 plekken".</summary>
    public string PlacesOf(int count) => count == 1 ? OnePlace : Format(Places, count);

    public static BotTexts For(ResidentLanguage language) => language == ResidentLanguage.English ? English : Dutch;

    public static BotTexts For(string? locale) => For(ResidentLanguages.FromLocale(locale));
}
