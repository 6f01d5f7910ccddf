using System.Globalization;
using VeerkrachtBot.Core.Digests;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Meetings;

namespace VeerkrachtBot.Bot.Professionals;

/// <summary>What the bot says to professionals in Teams: Dutch first, English when their Teams speaks English.</summary>
public sealed record ProfessionalTexts
{
    public required string Lang { get; init; }
    public required CultureInfo Culture { get; init; }
    public required string NotAllowed { get; init; }
    public required string WelcomeTitle { get; init; }
    public required string WelcomeWhat { get; init; }
    public required string WelcomeNever { get; init; }
    public required string HelpTitle { get; init; }
    public required IReadOnlyList<(string Command, string Meaning)> HelpCommands { get; init; }
    public required string HelpManagerCommands { get; init; }
    public required string NotUnderstood { get; init; }
    public required string TooManyMessages { get; init; }
    public required string SomethingWentWrong { get; init; }
    public required string ChoiceGone { get; init; }
    public required string OnlyManagers { get; init; }
    public required string IdeasTitle { get; init; }
    public required string NoIdeas { get; init; }
    public required string More { get; init; }
    public required string Open { get; init; }
    public required string IdeaTitle { get; init; }
    public required string IdeaGone { get; init; }
    public required string Neighbourhood { get; init; }
    public required string UnknownNeighbourhood { get; init; }
    public required string Themes { get; init; }
    public required string Sentiment { get; init; }
    public required string KeyPhrases { get; init; }
    public required string Received { get; init; }
    public required string Status { get; init; }
    public required string History { get; init; }
    public required string ChangeStatus { get; init; }
    public required string CorrectThemes { get; init; }
    public required string NewStatus { get; init; }
    public required string Explanation { get; init; }
    public required string ExplanationHint { get; init; }
    public required string ExplanationNeeded { get; init; }
    public required string ChooseStatus { get; init; }
    public required string StatusCannotMove { get; init; }
    public required string StatusFinal { get; init; }
    public required string StatusSaved { get; init; }
    public required string Save { get; init; }
    public required string ChooseThemes { get; init; }
    public required string ThemesSaved { get; init; }
    public required string NewPollTitle { get; init; }
    public required string AgendaItem { get; init; }
    public required string Question { get; init; }
    public required string Neighbourhoods { get; init; }
    public required string ClosingDate { get; init; }
    public required string ClosingTime { get; init; }
    public required string AllowComment { get; init; }
    public required string CreatePoll { get; init; }
    public required string Required { get; init; }
    public required string TooLong { get; init; }
    public required string NotADate { get; init; }
    public required string NotATime { get; init; }
    public required string InThePast { get; init; }
    public required string EndBeforeStart { get; init; }
    public required string AtLeastOnePlace { get; init; }
    public required string ChooseNeighbourhood { get; init; }
    public required string FixTheForm { get; init; }
    public required string PollCreated { get; init; }
    public required string AlreadySubmitted { get; init; }
    public required string PollsTitle { get; init; }
    public required string NoPolls { get; init; }
    public required string Results { get; init; }
    public required string ClosePoll { get; init; }
    public required string ClosePollConfirm { get; init; }
    public required string YesClose { get; init; }
    public required string PollClosed { get; init; }
    public required string PollAlreadyClosed { get; init; }
    public required string ResultsTitle { get; init; }
    public required string Responses { get; init; }
    public required string Average { get; init; }
    public required string Comments { get; init; }
    public required string Refresh { get; init; }
    public required string OpenUntil { get; init; }
    public required string ClosedAt { get; init; }
    public required string NewMeetingTitle { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public required string Place { get; init; }
    public required string StartDate { get; init; }
    public required string StartTime { get; init; }
    public required string EndTime { get; init; }
    public required string Places { get; init; }
    public required string OrganiserContact { get; init; }
    public required string PlanMeeting { get; init; }
    public required string MeetingPlanned { get; init; }
    public required string MeetingsTitle { get; init; }
    public required string NoMeetings { get; init; }
    public required string Confirmed { get; init; }
    public required string Waiting { get; init; }
    public required string Maybe { get; init; }
    public required string Parties { get; init; }
    public required string PlacesLeft { get; init; }
    public required string SubscribeTitle { get; init; }
    public required string SubscriptionsNow { get; init; }
    public required string NoSubscriptions { get; init; }
    public required string AllThemes { get; init; }
    public required string Theme { get; init; }
    public required string SubscribeButton { get; init; }
    public required string Subscribed { get; init; }
    public required string Unsubscribed { get; init; }
    public required string Stop { get; init; }
    public required string Frequency { get; init; }
    public required IReadOnlyDictionary<DigestFrequency, string> FrequencyNames { get; init; }
    public required string ClusterIdeasTitle { get; init; }
    public required string ClusterIdeasMore { get; init; }
    public required string PeriodIdeasTitle { get; init; }
    public required string ManagersTitle { get; init; }
    public required string ConfiguredManagers { get; init; }
    public required string AddManager { get; init; }
    public required string RemoveManager { get; init; }
    public required string ObjectId { get; init; }
    public required string ObjectIdHint { get; init; }
    public required string NameOrRole { get; init; }
    public required string ManagerAdded { get; init; }
    public required string ManagerAlready { get; init; }
    public required string ManagerRemoved { get; init; }
    public required string ManagerNotFound { get; init; }
    public required string ManagerConfigured { get; init; }
    public required string NotAGuid { get; init; }
    public required string ErasedText { get; init; }
    public required IReadOnlyDictionary<IdeaStatus, string> StatusNames { get; init; }
    public required IReadOnlyDictionary<SentimentLabel, string> SentimentNames { get; init; }

    public static ProfessionalTexts Dutch { get; } = new()
    {
        Lang = "nl",
        Culture = CultureInfo.GetCultureInfo("nl-NL"),
        NotAllowed = "Sorry, deze bot is alleen voor de professionals van de Veerkrachtige Wijken in Maastricht.",
        WelcomeTitle = "Hallo, ik ben VeerkrachtBot",
        WelcomeWhat = "Ik laat zien wat bewoners van Pottenberg en Nazareth delen: ideeën en zorgen (zonder persoonsgegevens), met thema's, stemming en status. Je kunt een status zetten met uitleg voor de bewoner, thema's verbeteren, peilingen en bijeenkomsten maken, en dit kanaal laten volgen welke buurten en thema's.",
        WelcomeNever = "Wat ik nooit laat zien: namen van bewoners, contactgegevens, en de oorspronkelijke tekst zonder toestemming. Je ziet alleen de tekst waaruit persoonsgegevens zijn gehaald.",
        HelpTitle = "Wat je kunt typen (of kiezen met de knoppen)",
        HelpCommands =
        [
            ("ideeën [buurt] [thema] [status]", "de nieuwste ideeën, bijv. ‘ideeën pottenberg openbare-ruimte nieuw’"),
            ("peiling nieuw", "een peiling over een agendapunt"),
            ("peilingen", "open en gesloten peilingen, met resultaten en sluiten"),
            ("bijeenkomst nieuw", "een bijeenkomst plannen"),
            ("bijeenkomsten", "aanmeldingen, wachtlijst en plaatsen per bijeenkomst"),
            ("abonneren / opzeggen", "welke buurten en thema's dit gesprek volgt"),
            ("rapportage [buurt] [maand]", "de cijfers van de buurt: wie doet mee, de buurtpeiling, wat er gebeurde"),
            ("help", "dit overzicht"),
        ],
        HelpManagerCommands = "Voor programmamanagers: ‘beheerders’, ‘beheerder toevoegen’, ‘beheerder verwijderen’, ‘buurtpeiling’ (de zinnen en de periode), ‘bevolking [buurt]’ (inwoners per leeftijd).",
        NotUnderstood = "Dat begreep ik niet. Typ ‘help’ voor wat ik kan.",
        TooManyMessages = "Even rustig aan: te veel berichten in een minuut. Probeer het zo nog eens.",
        SomethingWentWrong = "Sorry, er ging iets mis aan mijn kant. Probeer het nog een keer.",
        ChoiceGone = "Die knop hoort bij iets dat niet meer bestaat. Typ ‘help’ voor wat ik kan.",
        OnlyManagers = "Dat kan alleen een programmamanager.",
        IdeasTitle = "Ideeën, nieuwste eerst",
        NoIdeas = "Geen ideeën gevonden met deze keuze.",
        More = "Meer",
        Open = "Openen",
        IdeaTitle = "Idee",
        IdeaGone = "Dat idee bestaat niet (meer).",
        Neighbourhood = "Buurt",
        UnknownNeighbourhood = "onbekend",
        Themes = "Thema's",
        Sentiment = "Stemming",
        KeyPhrases = "Kernwoorden",
        Received = "Binnengekomen",
        Status = "Status",
        History = "Geschiedenis",
        ChangeStatus = "Status zetten",
        CorrectThemes = "Thema's aanpassen",
        NewStatus = "Nieuwe status",
        Explanation = "Uitleg voor de bewoner",
        ExplanationHint = "Schrijf kort en in eenvoudige woorden wat er gebeurt. De bewoner ziet dit.",
        ExplanationNeeded = "Schrijf een uitleg voor de bewoner bij ‘klaar’ of ‘kan niet’.",
        ChooseStatus = "Kies een nieuwe status.",
        StatusCannotMove = "Van ‘{0}’ kan een idee niet naar ‘{1}’.",
        StatusFinal = "Dit idee is afgerond; de status kan niet meer veranderen.",
        StatusSaved = "Status gezet: {0}. De bewoner ziet dit onder ‘Mijn ideeën’.",
        Save = "Opslaan",
        ChooseThemes = "Welke thema's passen?",
        ThemesSaved = "Thema's aangepast: {0}. Het model leert hiervan bij de volgende training.",
        NewPollTitle = "Nieuwe peiling",
        AgendaItem = "Agendapunt",
        Question = "Vraag aan bewoners (antwoord 1 tot 5)",
        Neighbourhoods = "Buurten",
        ClosingDate = "Sluit op (datum)",
        ClosingTime = "Sluit om (tijd)",
        AllowComment = "Bewoners mogen een opmerking toevoegen",
        CreatePoll = "Peiling maken",
        Required = "Vul dit in.",
        TooLong = "Dit is te lang (hoogstens {0} tekens).",
        NotADate = "Dit is geen datum (jjjj-mm-dd).",
        NotATime = "Dit is geen tijd (uu:mm).",
        InThePast = "Dit moment is al voorbij.",
        EndBeforeStart = "Het einde moet na het begin liggen.",
        AtLeastOnePlace = "Er moet minstens 1 plaats zijn.",
        ChooseNeighbourhood = "Kies minstens één bekende buurt.",
        FixTheForm = "Kijk even naar de rode regels hieronder; wat je typte staat er nog.",
        PollCreated = "Peiling gemaakt. Bewoners van {0} krijgen hem aangeboden als ze de bot spreken.",
        AlreadySubmitted = "Dit formulier is al verstuurd; er is niets dubbel gemaakt.",
        PollsTitle = "Peilingen",
        NoPolls = "Er zijn nog geen peilingen.",
        Results = "Resultaten",
        ClosePoll = "Sluiten",
        ClosePollConfirm = "Wil je deze peiling nu sluiten? Bewoners kunnen dan niet meer antwoorden.",
        YesClose = "Ja, sluiten",
        PollClosed = "De peiling is gesloten.",
        PollAlreadyClosed = "Deze peiling was al gesloten.",
        ResultsTitle = "Resultaten van de peiling",
        Responses = "Antwoorden",
        Average = "Gemiddeld",
        Comments = "Opmerkingen",
        Refresh = "Vernieuwen",
        OpenUntil = "Open tot",
        ClosedAt = "Gesloten",
        NewMeetingTitle = "Nieuwe bijeenkomst",
        Title = "Titel",
        Description = "Beschrijving",
        Place = "Plaats",
        StartDate = "Datum",
        StartTime = "Begint om",
        EndTime = "Eindigt om",
        Places = "Aantal plaatsen",
        OrganiserContact = "Contact van de organisator (voor vragen)",
        PlanMeeting = "Bijeenkomst plannen",
        MeetingPlanned = "Bijeenkomst gepland. Bewoners van {0} zien hem bij ‘Bijeenkomsten’.",
        MeetingsTitle = "Bijeenkomsten",
        NoMeetings = "Er zijn geen komende bijeenkomsten.",
        Confirmed = "Aangemeld",
        Waiting = "Wachtlijst",
        Maybe = "Misschien",
        Parties = "Aanmeldingen",
        PlacesLeft = "Plaatsen over",
        SubscribeTitle = "Wat dit gesprek volgt",
        SubscriptionsNow = "Dit gesprek volgt nu:",
        NoSubscriptions = "Dit gesprek volgt nog niets.",
        AllThemes = "alle thema's",
        Theme = "Thema",
        SubscribeButton = "Volgen",
        Subscribed = "Dit gesprek volgt nu {0}.",
        Unsubscribed = "Dit gesprek volgt {0} niet meer.",
        Stop = "Stoppen",
        Frequency = "Overzicht",
        FrequencyNames = new Dictionary<DigestFrequency, string>
        {
            [DigestFrequency.Weekly] = "elke week",
            [DigestFrequency.Monthly] = "alleen elke maand",
            [DigestFrequency.Both] = "elke week en elke maand",
        },
        ClusterIdeasTitle = "De ideeën van deze groep ({0})",
        ClusterIdeasMore = "{0} van {1} getoond.",
        PeriodIdeasTitle = "Ideeën van {0} t/m {1}",
        ManagersTitle = "Programmamanagers",
        ConfiguredManagers = "Vast ingesteld (alleen in de configuratie te wijzigen)",
        AddManager = "Toevoegen",
        RemoveManager = "Verwijderen",
        ObjectId = "Object-ID in Microsoft Entra",
        ObjectIdHint = "Te vinden in het Entra-beheercentrum bij Gebruikers > de persoon > Object-ID.",
        NameOrRole = "Naam of rol (om te herkennen)",
        ManagerAdded = "{0} is nu programmamanager.",
        ManagerAlready = "{0} was al programmamanager.",
        ManagerRemoved = "{0} is geen programmamanager meer.",
        ManagerNotFound = "Die persoon is geen programmamanager in de bot.",
        ManagerConfigured = "Deze programmamanager staat vast in de configuratie en kan alleen daar weg.",
        NotAGuid = "Een object-ID ziet eruit als 00000000-0000-0000-0000-000000000000.",
        ErasedText = "(de bewoner heeft zijn gegevens laten wissen)",
        StatusNames = new Dictionary<IdeaStatus, string>
        {
            [IdeaStatus.Received] = "nieuw",
            [IdeaStatus.InDiscussion] = "gezien, in bespreking",
            [IdeaStatus.Planned] = "mee bezig",
            [IdeaStatus.Done] = "klaar",
            [IdeaStatus.NotFeasible] = "kan niet",
        },
        SentimentNames = new Dictionary<SentimentLabel, string>
        {
            [SentimentLabel.Positive] = "positief",
            [SentimentLabel.Neutral] = "neutraal",
            [SentimentLabel.Negative] = "negatief",
            [SentimentLabel.Mixed] = "gemengd",
        },
    };

    public static ProfessionalTexts English { get; } = Dutch with
    {
        Lang = "en",
        Culture = CultureInfo.GetCultureInfo("en-GB"),
        NotAllowed = "Sorry, this bot is only for the professionals of Maastricht's Veerkrachtige Wijken programme.",
        WelcomeTitle = "Hello, I am VeerkrachtBot",
        WelcomeWhat = "I show what residents of Pottenberg and Nazareth share: ideas and concerns (without personal data), with themes, sentiment and status. You can set a status with an explanation for the resident, correct themes, create polls and meetings, and choose which neighbourhoods and themes this conversation follows.",
        WelcomeNever = "What I never show: residents' names, contact details, or the original text without consent. You only see the text with personal data taken out.",
        HelpTitle = "What you can type (or choose with the buttons)",
        HelpCommands =
        [
            ("ideas [neighbourhood] [theme] [status]", "the newest ideas, e.g. ‘ideas pottenberg public-space new’"),
            ("new poll", "a poll on an agenda item"),
            ("polls", "open and closed polls, with results and closing"),
            ("new meeting", "plan a meeting"),
            ("meetings", "sign-ups, waiting list and places per meeting"),
            ("subscribe / unsubscribe", "which neighbourhoods and themes this conversation follows"),
            ("report [neighbourhood] [month]", "the neighbourhood's figures: who takes part, the pulse, what happened"),
            ("help", "this overview"),
        ],
        HelpManagerCommands = "For programme managers: ‘managers’, ‘add manager’, ‘remove manager’, ‘pulse’ (its sentences and period), ‘population [neighbourhood]’ (residents per age band).",
        NotUnderstood = "I did not understand that. Type ‘help’ for what I can do.",
        TooManyMessages = "Slow down a little: too many messages in a minute. Please try again shortly.",
        SomethingWentWrong = "Sorry, something went wrong on my side. Please try again.",
        ChoiceGone = "That button belongs to something that no longer exists. Type ‘help’ for what I can do.",
        OnlyManagers = "Only a programme manager can do that.",
        IdeasTitle = "Ideas, newest first",
        NoIdeas = "No ideas found for this choice.",
        More = "More",
        Open = "Open",
        IdeaTitle = "Idea",
        IdeaGone = "That idea does not exist (any more).",
        Neighbourhood = "Neighbourhood",
        UnknownNeighbourhood = "unknown",
        Themes = "Themes",
        Sentiment = "Sentiment",
        KeyPhrases = "Key phrases",
        Received = "Received",
        Status = "Status",
        History = "History",
        ChangeStatus = "Set status",
        CorrectThemes = "Correct themes",
        NewStatus = "New status",
        Explanation = "Explanation for the resident",
        ExplanationHint = "Write briefly and in simple words what happens. The resident sees this.",
        ExplanationNeeded = "Write an explanation for the resident with ‘done’ or ‘not possible’.",
        ChooseStatus = "Choose a new status.",
        StatusCannotMove = "An idea cannot go from ‘{0}’ to ‘{1}’.",
        StatusFinal = "This idea is finished; its status cannot change any more.",
        StatusSaved = "Status set: {0}. The resident sees this under ‘My ideas’.",
        Save = "Save",
        ChooseThemes = "Which themes fit?",
        ThemesSaved = "Themes corrected: {0}. The model learns from this at the next training.",
        NewPollTitle = "New poll",
        AgendaItem = "Agenda item",
        Question = "Question for residents (answer 1 to 5)",
        Neighbourhoods = "Neighbourhoods",
        ClosingDate = "Closes on (date)",
        ClosingTime = "Closes at (time)",
        AllowComment = "Residents may add a comment",
        CreatePoll = "Create poll",
        Required = "Please fill this in.",
        TooLong = "This is too long (at most {0} characters).",
        NotADate = "This is not a date (yyyy-mm-dd).",
        NotATime = "This is not a time (hh:mm).",
        InThePast = "This moment has passed already.",
        EndBeforeStart = "The end must be after the start.",
        AtLeastOnePlace = "There must be at least 1 place.",
        ChooseNeighbourhood = "Choose at least one known neighbourhood.",
        FixTheForm = "Please look at the red lines below; what you typed is still there.",
        PollCreated = "Poll created. Residents of {0} are offered it when they talk to the bot.",
        AlreadySubmitted = "This form was sent already; nothing was created twice.",
        PollsTitle = "Polls",
        NoPolls = "There are no polls yet.",
        Results = "Results",
        ClosePoll = "Close",
        ClosePollConfirm = "Do you want to close this poll now? Residents can no longer answer then.",
        YesClose = "Yes, close",
        PollClosed = "The poll is closed.",
        PollAlreadyClosed = "This poll was closed already.",
        ResultsTitle = "Poll results",
        Responses = "Answers",
        Average = "Average",
        Comments = "Comments",
        Refresh = "Refresh",
        OpenUntil = "Open until",
        ClosedAt = "Closed",
        NewMeetingTitle = "New meeting",
        Title = "Title",
        Description = "Description",
        Place = "Place",
        StartDate = "Date",
        StartTime = "Starts at",
        EndTime = "Ends at",
        Places = "Number of places",
        OrganiserContact = "Organiser's contact (for questions)",
        PlanMeeting = "Plan meeting",
        MeetingPlanned = "Meeting planned. Residents of {0} see it under ‘Meetings’.",
        MeetingsTitle = "Meetings",
        NoMeetings = "There are no upcoming meetings.",
        Confirmed = "Signed up",
        Waiting = "Waiting list",
        Maybe = "Maybe",
        Parties = "Sign-ups",
        PlacesLeft = "Places left",
        SubscribeTitle = "What this conversation follows",
        SubscriptionsNow = "This conversation now follows:",
        NoSubscriptions = "This conversation follows nothing yet.",
        AllThemes = "all themes",
        Theme = "Theme",
        SubscribeButton = "Follow",
        Subscribed = "This conversation now follows {0}.",
        Unsubscribed = "This conversation no longer follows {0}.",
        Stop = "Stop",
        Frequency = "Overview",
        FrequencyNames = new Dictionary<DigestFrequency, string>
        {
            [DigestFrequency.Weekly] = "every week",
            [DigestFrequency.Monthly] = "every month only",
            [DigestFrequency.Both] = "every week and every month",
        },
        ClusterIdeasTitle = "The ideas of this group ({0})",
        ClusterIdeasMore = "{0} of {1} shown.",
        PeriodIdeasTitle = "Ideas from {0} to {1}",
        ManagersTitle = "Programme managers",
        ConfiguredManagers = "Set in the configuration (only changed there)",
        AddManager = "Add",
        RemoveManager = "Remove",
        ObjectId = "Object ID in Microsoft Entra",
        ObjectIdHint = "Found in the Entra admin center under Users > the person > Object ID.",
        NameOrRole = "Name or role (to recognise them)",
        ManagerAdded = "{0} is now a programme manager.",
        ManagerAlready = "{0} was a programme manager already.",
        ManagerRemoved = "{0} is no longer a programme manager.",
        ManagerNotFound = "That person is not a programme manager in the bot.",
        ManagerConfigured = "This programme manager is set in the configuration and can only be removed there.",
        NotAGuid = "An object ID looks like 00000000-0000-0000-0000-000000000000.",
        ErasedText = "(the resident had their data erased)",
        StatusNames = new Dictionary<IdeaStatus, string>
        {
            [IdeaStatus.Received] = "new",
            [IdeaStatus.InDiscussion] = "seen, being discussed",
            [IdeaStatus.Planned] = "in progress",
            [IdeaStatus.Done] = "done",
            [IdeaStatus.NotFeasible] = "not possible",
        },
        SentimentNames = new Dictionary<SentimentLabel, string>
        {
            [SentimentLabel.Positive] = "positive",
            [SentimentLabel.Neutral] = "neutral",
            [SentimentLabel.Negative] = "negative",
            [SentimentLabel.Mixed] = "mixed",
        },
    };

    /// <summary>English for an English Teams client, Dutch otherwise.</summary>
    public static ProfessionalTexts For(string? locale) => locale?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true ? English : Dutch;

    public string Format(string template, params object[] args) => string.Format(Culture, template, args);

    /// <summary>A date and time as Amsterdam reads it: "di 1 dec 2026 19:30".</summary>
    public string When(DateTimeOffset instant) => AmsterdamTime.ToLocal(instant).ToString("ddd d MMM yyyy HH:mm", Culture);
}
