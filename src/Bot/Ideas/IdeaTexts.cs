namespace VeerkrachtBot.Bot.Ideas;

/// <summary>What the bot says while a resident shares an idea or concern, in plain Dutch (B1) and English.</summary>
public sealed record IdeaTexts
{
    public required string AskText { get; init; }
    public required string TooShort { get; init; }
    public required string Understood { get; init; }
    public required string UnsureOfThemes { get; init; }
    public required string Neighbourhood { get; init; }
    public required string Themes { get; init; }
    public required string NotKnown { get; init; }
    public required string Correct { get; init; }
    public required string Confirm { get; init; }
    public required string OtherNeighbourhood { get; init; }
    public required string WhichNeighbourhood { get; init; }
    public required string PickThemes { get; init; }
    public required string PickThemesLabel { get; init; }
    public required string PickThemesTypeHint { get; init; }
    public required string Save { get; init; }
    public required string PickAtLeastOne { get; init; }
    public required string AskContact { get; init; }
    public required string ContactYes { get; init; }
    public required string ContactNo { get; init; }
    public required string AskContactDetail { get; init; }
    public required string ContactDetailInvalid { get; init; }
    public required string Thanks { get; init; }
    public required string ThanksWithContact { get; init; }
    public required string Gone { get; init; }
    public required string AskTextAgain { get; init; }
    public required string Back { get; init; }
    public required string ThemesSaved { get; init; }
    public required string PickerNotUnderstood { get; init; }
    public required string ContactNotUnderstood { get; init; }
    public required string ShareTyped { get; init; }
    public required string ShareUrgent { get; init; }
    public required string ShareNotUnderstood { get; init; }
    public required string ShareYes { get; init; }
    public required string ShareNo { get; init; }
    public required string BackToThemes { get; init; }
    public required string NotShared { get; init; }
    public required string UrgentEmergency { get; init; }
    public required string UrgentDomestic { get; init; }
    public required string UrgentSelfHarm { get; init; }
    public required string MineEmpty { get; init; }
    public required string MineIntro { get; init; }
    public required string Received { get; init; }
    public required string Status { get; init; }
    public required string Explanation { get; init; }
    public required IReadOnlyDictionary<Core.Ideas.IdeaStatus, string> StatusLabels { get; init; }

    public static IdeaTexts Dutch { get; } = new()
    {
        AskText = "Vertel het maar! Schrijf in je eigen woorden wat je idee of zorg is. Bijvoorbeeld: ‘De lamp bij de speeltuin is al weken kapot.’\n\n" +
                  "Schrijf liever geen namen, adressen of telefoonnummers. Ik haal ze er zelf ook uit.",
        TooShort = "Kun je iets meer vertellen? Schrijf in een paar woorden wat je idee of zorg is.",
        Understood = "Dank je wel! Dit heb ik begrepen. Klopt dat?",
        UnsureOfThemes = "Dank je wel! Ik weet nog niet goed over welk onderwerp dit gaat. Kies jij het onderwerp?",
        Neighbourhood = "Buurt",
        Themes = "Onderwerp",
        NotKnown = "nog niet bekend",
        Confirm = "Ja, dat klopt",
        Correct = "Onderwerp aanpassen",
        OtherNeighbourhood = "Andere buurt",
        WhichNeighbourhood = "Over welke buurt gaat je idee?",
        PickThemes = "Over welk onderwerp gaat het? Kies er één of meer.",
        PickThemesLabel = "Onderwerpen",
        PickThemesTypeHint = "Typ de nummers van de onderwerpen die passen, bijvoorbeeld: 1 7",
        Save = "Opslaan",
        PickAtLeastOne = "Kies minstens één onderwerp, dan weet de goede persoon ervan.",
        AskContact = "Mag iemand van de gemeente of een van de partners contact met je opnemen over dit idee? Bijvoorbeeld iemand van de woningcorporatie of welzijn.",
        ContactYes = "Ja, dat mag",
        ContactNo = "Nee, liever niet",
        AskContactDetail = "Fijn! Hoe kunnen we je bereiken? Typ je e-mailadres of telefoonnummer. We gebruiken het alleen voor dit idee.",
        ContactDetailInvalid = "Dat lijkt geen e-mailadres of telefoonnummer. Probeer het nog een keer, bijvoorbeeld naam@voorbeeld.nl of 06 12345678. Of typ ‘stop’.",
        Thanks = "Dank je wel! Je idee staat genoteerd. De mensen van de gemeente, de woningcorporatie, welzijn en de wijkagent lezen het en bespreken het. " +
                 "Bij ‘Mijn ideeën’ zie je wat ermee gebeurt.",
        ThanksWithContact = "Dank je wel! Je idee staat genoteerd. Iemand van de gemeente of een van de partners kan contact met je opnemen. " +
                            "Bij ‘Mijn ideeën’ zie je wat ermee gebeurt.",
        Gone = "Dit idee kan ik niet meer vinden. Misschien heb je je gegevens verwijderd. Je kunt altijd een nieuw idee delen.",
        AskTextAgain = "Schrijf in je eigen woorden wat je idee of zorg is.",
        Back = "Terug",
        ThemesSaved = "Opgeslagen. Het onderwerp is nu: {0}.",
        PickerNotUnderstood = "Kies een onderwerp in de lijst en druk op ‘Opslaan’. Je kunt ook typen, bijvoorbeeld ‘wonen’. Met ‘Terug’ ga je terug zonder iets te veranderen.",
        ContactNotUnderstood = "Kies ‘Ja, dat mag’ of ‘Nee, liever niet’. Je mag ook ‘ja’ of ‘nee’ typen.",
        ShareTyped = "Wil je dit als nieuw bericht delen?",
        ShareUrgent = "Wil je dit ook delen met de mensen van de buurt? Zij lezen het op werkdagen en zien het dan als eerste.",
        ShareNotUnderstood = "Kies ‘Ja, deel het’ of ‘Nee, niet delen’.",
        ShareYes = "Ja, deel het",
        ShareNo = "Nee, niet delen",
        BackToThemes = "Nee, terug naar de onderwerpen",
        NotShared = "Oké, ik heb het niet bewaard.",
        UrgentEmergency = "Is er nu gevaar? Bel dan meteen 112. Deze chat wordt niet de hele dag gelezen. Geen spoed, maar wil je de politie spreken? Bel 0900-8844.",
        UrgentDomestic = "Wat naar dat je dit meemaakt. Is er nu gevaar? Bel 112. Voor hulp en advies bij geweld thuis, ook als het over iemand anders gaat: bel Veilig Thuis, 0800-2000. Gratis, dag en nacht. Deze chat wordt niet de hele dag gelezen.",
        UrgentSelfHarm = "Fijn dat je het vertelt. Je staat er niet alleen voor. Praat erover met 113 Zelfmoordpreventie: bel 113 of gratis 0800-0113, dag en nacht. Is er nu direct gevaar? Bel 112. Deze chat wordt niet de hele dag gelezen.",
        MineEmpty = "Je hebt nog geen ideeën gedeeld. Wil je er een delen?",
        MineIntro = "Dit zijn je laatste ideeën en zorgen, en wat ermee gebeurt.",
        Received = "Gedeeld op",
        Status = "Hoe staat het",
        Explanation = "Uitleg",
        StatusLabels = new Dictionary<Core.Ideas.IdeaStatus, string>
        {
            [Core.Ideas.IdeaStatus.Received] = "ontvangen, nog niet besproken",
            [Core.Ideas.IdeaStatus.InDiscussion] = "wordt besproken",
            [Core.Ideas.IdeaStatus.Planned] = "gaat gebeuren",
            [Core.Ideas.IdeaStatus.Done] = "is gedaan",
            [Core.Ideas.IdeaStatus.NotFeasible] = "kan niet doorgaan",
        },
    };

    public static IdeaTexts English { get; } = new()
    {
        AskText = "Tell me! Write in your own words what your idea or concern is. For example: ‘The lamp near the playground has been broken for weeks.’\n\n" +
                  "Please leave out names, addresses and phone numbers. I also take them out myself.",
        TooShort = "Could you tell me a bit more? Write in a few words what your idea or concern is.",
        Understood = "Thank you! This is what I understood. Is that right?",
        UnsureOfThemes = "Thank you! I am not sure yet what topic this is about. Could you choose the topic?",
        Neighbourhood = "Neighbourhood",
        Themes = "Topic",
        NotKnown = "not known yet",
        Confirm = "Yes, that is right",
        Correct = "Change the topic",
        OtherNeighbourhood = "Other neighbourhood",
        WhichNeighbourhood = "Which neighbourhood is your idea about?",
        PickThemes = "What topic is it about? You can choose more than one.",
        PickThemesLabel = "Topics",
        PickThemesTypeHint = "Type the numbers of the topics that fit, for example: 1 7",
        Save = "Save",
        PickAtLeastOne = "Please choose at least one topic, so the right person gets to know about it.",
        AskContact = "May someone from the municipality or one of its partners contact you about this idea? For example someone from the housing corporation or welfare.",
        ContactYes = "Yes, that is fine",
        ContactNo = "No, I would rather not",
        AskContactDetail = "Great! How can we reach you? Type your e-mail address or phone number. We only use it for this idea.",
        ContactDetailInvalid = "That does not look like an e-mail address or phone number. Please try again, for example name@example.com or 06 12345678. Or type ‘stop’.",
        Thanks = "Thank you! Your idea has been noted. The people of the municipality, the housing corporation, welfare and the community police officer read it and discuss it. " +
                 "In ‘My ideas’ you can see what happens with it.",
        ThanksWithContact = "Thank you! Your idea has been noted. Someone from the municipality or one of its partners may contact you. " +
                            "In ‘My ideas’ you can see what happens with it.",
        Gone = "I cannot find this idea any more. Maybe you deleted your data. You can always share a new idea.",
        AskTextAgain = "Write in your own words what your idea or concern is.",
        Back = "Back",
        ThemesSaved = "Saved. The topic is now: {0}.",
        PickerNotUnderstood = "Choose a topic in the list and press ‘Save’. You can also type one, for example ‘housing’. ‘Back’ takes you back without changing anything.",
        ContactNotUnderstood = "Choose ‘Yes, that is fine’ or ‘No, I would rather not’. You can also type ‘yes’ or ‘no’.",
        ShareTyped = "Would you like to share this as a new message?",
        ShareUrgent = "Would you also like to share this with the people of the neighbourhood team? They read it on working days and will see it first.",
        ShareNotUnderstood = "Choose ‘Yes, share it’ or ‘No, do not share it’.",
        ShareYes = "Yes, share it",
        ShareNo = "No, do not share it",
        BackToThemes = "No, back to the topics",
        NotShared = "Okay, I have not kept it.",
        UrgentEmergency = "Is there danger right now? Call 112 straight away. This chat is not read all day. Not urgent, but you want to talk to the police? Call 0900-8844.",
        UrgentDomestic = "I am sorry this is happening. Is there danger right now? Call 112. For help and advice about violence at home, also when it is about someone else: call Veilig Thuis, 0800-2000. Free, day and night. This chat is not read all day.",
        UrgentSelfHarm = "Thank you for telling me. You are not alone. Talk to 113 Suicide Prevention: call 113 or 0800-0113 (free), day and night. Is there danger right now? Call 112. This chat is not read all day.",
        MineEmpty = "You have not shared any ideas yet. Would you like to share one?",
        MineIntro = "These are your latest ideas and concerns, and what happens with them.",
        Received = "Shared on",
        Status = "Where it stands",
        Explanation = "Explanation",
        StatusLabels = new Dictionary<Core.Ideas.IdeaStatus, string>
        {
            [Core.Ideas.IdeaStatus.Received] = "received, not discussed yet",
            [Core.Ideas.IdeaStatus.InDiscussion] = "being discussed",
            [Core.Ideas.IdeaStatus.Planned] = "will happen",
            [Core.Ideas.IdeaStatus.Done] = "has been done",
            [Core.Ideas.IdeaStatus.NotFeasible] = "cannot go ahead",
        },
    };
}
