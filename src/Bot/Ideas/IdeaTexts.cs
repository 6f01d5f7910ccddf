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
    public required string MineEmpty { get; init; }
    public required string MineIntro { get; init; }
    public required string Received { get; init; }
    public required string Status { get; init; }
    public required string Explanation { get; init; }
    public required IReadOnlyDictionary<Core.Ideas.IdeaStatus, string> StatusLabels { get; init; }

    public static IdeaTexts Dutch { get; } = new()
    {
        AskText = "Vertel het maar! Schrijf in je eigen woorden wat je idee of zorg is. Bijvoorbeeld: ‘De lamp bij de speeltuin is al weken kapot.’\n\n" +
                  "Schrijf liever geen namen, adressen of telefoonnummers. Die haal ik er wel uit, maar dan weet je het zeker.",
        TooShort = "Kun je iets meer vertellen? Schrijf in een paar woorden wat je idee of zorg is.",
        Understood = "Dank je wel! Dit heb ik begrepen. Klopt dat?",
        UnsureOfThemes = "Dank je wel! Ik weet nog niet goed over welk onderwerp dit gaat. Wil je het kiezen?",
        Neighbourhood = "Buurt",
        Themes = "Onderwerp",
        NotKnown = "nog niet bekend",
        Confirm = "Ja, dat klopt",
        Correct = "Onderwerp aanpassen",
        OtherNeighbourhood = "Andere buurt",
        WhichNeighbourhood = "Over welke buurt gaat je idee?",
        PickThemes = "Over welk onderwerp gaat het? Je mag er meer kiezen.",
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
                  "Please do not write names, addresses or phone numbers. I remove them, but this way you are sure.",
        TooShort = "Could you tell me a bit more? Write in a few words what your idea or concern is.",
        Understood = "Thank you! This is what I understood. Is that right?",
        UnsureOfThemes = "Thank you! I am not sure yet what topic this is about. Would you choose it?",
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
