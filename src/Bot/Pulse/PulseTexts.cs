using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Bot.Pulse;

/// <summary>What the bot says about the neighbourhood pulse, the background questions and evaluations, in plain Dutch (B1) and English.</summary>
public sealed record PulseTexts
{
    public required string OfferTitle { get; init; }
    public required string Offer { get; init; }
    public required string OfferYes { get; init; }
    public required string OfferNo { get; init; }
    public required string Declined { get; init; }
    public required string Intro { get; init; }
    public required string StatementOf { get; init; }
    public required string HowMuchAgree { get; init; }
    public required IReadOnlyList<string> Scale { get; init; }
    public required string DontKnow { get; init; }
    public required string Stop { get; init; }
    public required string EarlierAnswer { get; init; }
    public required string ChooseAnAnswer { get; init; }
    public required string Stopped { get; init; }
    public required string Thanks { get; init; }
    public required string NothingToAsk { get; init; }
    public required string BackgroundIntro { get; init; }
    public required string BackgroundWhy { get; init; }
    public required string QuestionOf { get; init; }
    public required string AskAge { get; init; }
    public required string AskYears { get; init; }
    public required string AskHousehold { get; init; }
    public required IReadOnlyDictionary<string, string> Bands { get; init; }
    public required string Skip { get; init; }
    public required string BackgroundThanks { get; init; }
    public required string BackgroundTitle { get; init; }
    public required string BackgroundOverview { get; init; }
    public required string Age { get; init; }
    public required string Years { get; init; }
    public required string Household { get; init; }
    public required string NotGiven { get; init; }
    public required string ChangeAge { get; init; }
    public required string ChangeYears { get; init; }
    public required string ChangeHousehold { get; init; }
    public required string RemoveAll { get; init; }
    public required string Removed { get; init; }
    public required string Saved { get; init; }
    public required string PulseTitle { get; init; }
    public required string PulseAnswers { get; init; }
    public required string EvaluateMeeting { get; init; }
    public required string EvaluateNow { get; init; }
    public required string EvaluateButton { get; init; }
    public required string PollClosed { get; init; }
    public required string PollOutcome { get; init; }
    public required string PollTooFew { get; init; }
    public required string NotThere { get; init; }
    public required string NotThereThanks { get; init; }
    public required string AskComment { get; init; }
    public required string NoComment { get; init; }
    public required string CommentTooLong { get; init; }
    public required string EvaluationThanks { get; init; }
    public required string CannotEvaluate { get; init; }

    public static PulseTexts For(ResidentLanguage language) => language == ResidentLanguage.English ? English : Dutch;

    public static PulseTexts Dutch { get; } = new()
    {
        OfferTitle = "Buurtpeiling",
        Offer = "Heb je 2 minuten voor de buurtpeiling? Je krijgt {0} korte zinnen over je buurt. Zeg hoe eens je het ermee bent. Meedoen mag, het hoeft niet.",
        OfferYes = "Ja, ik doe mee",
        OfferNo = "Nee, nu niet",
        Declined = "Helemaal goed! Ik vraag het een andere keer nog eens. Je kunt ook zelf meedoen: typ ‘buurtpeiling’.",
        Intro = "Fijn dat je meedoet! Er zijn geen goede of foute antwoorden. Je kunt altijd stoppen: wat je al hebt gezegd, bewaren we.",
        StatementOf = "Zin {0} van {1}",
        HowMuchAgree = "Hoe eens ben je het hiermee?",
        Scale = ["Helemaal oneens", "Oneens", "Niet eens, niet oneens", "Eens", "Helemaal eens"],
        DontKnow = "Weet ik niet",
        Stop = "Stoppen",
        EarlierAnswer = "Eerder deze periode zei je: {0}. Kies opnieuw om het te veranderen.",
        ChooseAnAnswer = "Kies een van de antwoorden hieronder, of typ een cijfer van 1 tot 5.",
        Stopped = "Oké, we stoppen. Je antwoorden tot nu toe zijn bewaard. Dank je wel!",
        Thanks = "Dank je wel voor je antwoorden! Zo ziet de gemeente hoe het gaat in de buurt.",
        NothingToAsk = "Er is nu geen buurtpeiling. Kijk later nog eens!",
        BackgroundIntro = "Mag ik nog 3 korte vragen over jezelf stellen?",
        BackgroundWhy = "Zo zien we wie we wel en niet bereiken. Je naam hoort er niet bij, en elke vraag mag je overslaan.",
        QuestionOf = "Vraag {0} van {1}",
        AskAge = "Hoe oud ben je?",
        AskYears = "Hoe lang woon je al in de buurt?",
        AskHousehold = "Hoe woon je?",
        Bands = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["0-14"] = "Jonger dan 15",
            ["15-24"] = "15 tot 25 jaar",
            ["25-44"] = "25 tot 45 jaar",
            ["45-64"] = "45 tot 65 jaar",
            ["65+"] = "65 jaar of ouder",
            ["under-2"] = "Korter dan 2 jaar",
            ["2-5"] = "2 tot 5 jaar",
            ["5-10"] = "5 tot 10 jaar",
            ["10-plus"] = "10 jaar of langer",
            ["alone"] = "Alleen",
            ["couple"] = "Met mijn partner",
            ["couple-with-children"] = "Met partner en kinderen",
            ["single-parent"] = "Alleen met mijn kinderen",
            ["other"] = "Anders",
        },
        Skip = "Overslaan",
        BackgroundThanks = "Dank je wel! Je kunt dit altijd veranderen of weghalen bij ‘Mijn gegevens’.",
        BackgroundTitle = "Over mij",
        BackgroundOverview = "Dit heb je over jezelf verteld. Je kunt het veranderen of weghalen. Zo zien we wie we wel en niet bereiken.",
        Age = "Leeftijd",
        Years = "In de buurt",
        Household = "Huishouden",
        NotGiven = "Niet ingevuld",
        ChangeAge = "Leeftijd veranderen",
        ChangeYears = "Jaren in de buurt veranderen",
        ChangeHousehold = "Huishouden veranderen",
        RemoveAll = "Alles weghalen",
        Removed = "Je antwoorden over jezelf zijn weggehaald.",
        Saved = "Opgeslagen.",
        PulseTitle = "Buurtpeiling invullen",
        PulseAnswers = "Antwoorden buurtpeiling",
        EvaluateMeeting = "Hoe was de bijeenkomst ‘{0}’?",
        EvaluateNow = "Wat vind je van wat er nu gebeurt?",
        EvaluateButton = "Wat vind ik ervan?",
        PollClosed = "De vraag ‘{0}’ is gesloten. Dank je wel dat je meedeed!",
        PollOutcome = "{0} bewoners gaven antwoord. Gemiddeld gaven ze een {1} (1 = heel slecht, 5 = heel goed).",
        PollTooFew = "Minder dan {0} bewoners gaven antwoord. Daarom laten we de uitslag niet zien: zo blijft iedereen onherkenbaar.",
        NotThere = "Ik was er niet",
        NotThereThanks = "Dank je voor het laten weten! Misschien tot de volgende keer.",
        AskComment = "Dank je! Wil je er nog iets over zeggen? Typ het hieronder (maximaal {0} tekens). Of kies ‘Geen opmerking’.",
        NoComment = "Geen opmerking",
        CommentTooLong = "Je opmerking is te lang. Kun je het in maximaal {0} tekens zeggen?",
        EvaluationThanks = "Dank je wel! Zo leren we wat goed gaat en wat beter kan.",
        CannotEvaluate = "Hierover kan ik je mening nu niet vragen.",
    };

    public static PulseTexts English { get; } = new()
    {
        OfferTitle = "Neighbourhood pulse",
        Offer = "Do you have 2 minutes for the neighbourhood pulse? You get {0} short sentences about your neighbourhood. Say how much you agree. You are welcome to join, but you do not have to.",
        OfferYes = "Yes, I'll join",
        OfferNo = "No, not now",
        Declined = "That is fine! I will ask another time. You can also join yourself: type ‘pulse’.",
        Intro = "Great that you join! There are no right or wrong answers. You can stop at any time: we keep what you said so far.",
        StatementOf = "Sentence {0} of {1}",
        HowMuchAgree = "How much do you agree?",
        Scale = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"],
        DontKnow = "Don't know",
        Stop = "Stop",
        EarlierAnswer = "Earlier this period you said: {0}. Choose again to change it.",
        ChooseAnAnswer = "Choose one of the answers below, or type a number from 1 to 5.",
        Stopped = "Okay, we stop. Your answers so far are saved. Thank you!",
        Thanks = "Thank you for your answers! This way the municipality sees how things are going in the neighbourhood.",
        NothingToAsk = "There is no neighbourhood pulse right now. Please look again later!",
        BackgroundIntro = "May I ask 3 short questions about you?",
        BackgroundWhy = "This way we see who we do and do not reach. Your name is not part of it, and you can skip any question.",
        QuestionOf = "Question {0} of {1}",
        AskAge = "How old are you?",
        AskYears = "How long have you lived in the neighbourhood?",
        AskHousehold = "Who do you live with?",
        Bands = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["0-14"] = "Under 15",
            ["15-24"] = "15 to 25 years",
            ["25-44"] = "25 to 45 years",
            ["45-64"] = "45 to 65 years",
            ["65+"] = "65 years or older",
            ["under-2"] = "Less than 2 years",
            ["2-5"] = "2 to 5 years",
            ["5-10"] = "5 to 10 years",
            ["10-plus"] = "10 years or more",
            ["alone"] = "Alone",
            ["couple"] = "With my partner",
            ["couple-with-children"] = "With partner and children",
            ["single-parent"] = "Alone with my children",
            ["other"] = "Other",
        },
        Skip = "Skip",
        BackgroundThanks = "Thank you! You can always change or remove this under ‘My data’.",
        BackgroundTitle = "About me",
        BackgroundOverview = "This is what you told about yourself. You can change or remove it. This way we see who we do and do not reach.",
        Age = "Age",
        Years = "In the neighbourhood",
        Household = "Household",
        NotGiven = "Not given",
        ChangeAge = "Change age",
        ChangeYears = "Change years in the neighbourhood",
        ChangeHousehold = "Change household",
        RemoveAll = "Remove all",
        Removed = "Your answers about yourself have been removed.",
        Saved = "Saved.",
        PulseTitle = "Take the neighbourhood pulse",
        PulseAnswers = "Neighbourhood pulse answers",
        EvaluateMeeting = "How was the meeting ‘{0}’?",
        EvaluateNow = "What do you think of what is happening now?",
        EvaluateButton = "What do I think?",
        PollClosed = "The question ‘{0}’ is closed. Thank you for taking part!",
        PollOutcome = "{0} residents answered. On average they gave a {1} (1 = very bad, 5 = very good).",
        PollTooFew = "Fewer than {0} residents answered. So we do not show the outcome: that way nobody can be recognised.",
        NotThere = "I wasn't there",
        NotThereThanks = "Thank you for letting us know! Maybe see you next time.",
        AskComment = "Thank you! Would you like to add something? Type it below (at most {0} characters). Or choose ‘No comment’.",
        NoComment = "No comment",
        CommentTooLong = "Your comment is too long. Could you say it in at most {0} characters?",
        EvaluationThanks = "Thank you! This way we learn what goes well and what could be better.",
        CannotEvaluate = "I cannot ask your opinion about this right now.",
    };
}
