namespace VeerkrachtBot.Bot.Meetings;

/// <summary>What the bot says about neighbourhood meetings, in plain Dutch (B1) and English.</summary>
public sealed record MeetingTexts
{
    public required string Upcoming { get; init; }
    public required string None { get; init; }
    public required string View { get; init; }
    public required string When { get; init; }
    public required string Where { get; init; }
    public required string Organiser { get; init; }
    public required string Places { get; init; }
    public required string PlacesLeft { get; init; }
    public required string Full { get; init; }
    public required string Example { get; init; }
    public required string YouComing { get; init; }
    public required string YouWaiting { get; init; }
    public required string YouMaybe { get; init; }
    public required string YouNotComing { get; init; }
    public required string Yes { get; init; }
    public required string JoinWaitingList { get; init; }
    public required string Maybe { get; init; }
    public required string No { get; init; }
    public required string Cancel { get; init; }
    public required string ChangeParty { get; init; }
    public required string AddToCalendar { get; init; }
    public required string OtherMeetings { get; init; }
    public required string FullOfferWaitingList { get; init; }
    public required string AskParty { get; init; }
    public required string PartyInvalid { get; init; }
    public required string Confirmed { get; init; }
    public required string Waiting { get; init; }
    public required string MaybeNoted { get; init; }
    public required string Declined { get; init; }
    public required string NotComing { get; init; }
    public required string Started { get; init; }
    public required string NotEnoughPlaces { get; init; }
    public required string PartyTooLarge { get; init; }
    public required string OtherNeighbourhood { get; init; }
    public required string Gone { get; init; }
    public required string TimeRange { get; init; }
    public required string Promoted { get; init; }
    public required string WhichMeeting { get; init; }
    public required string StillSignedUp { get; init; }
    public required string CancelNotUnderstood { get; init; }

    /// <summary>Typed at a meeting's details, something that says neither coming, maybe nor not.</summary>
    public required string RsvpNotUnderstood { get; init; }
    public required string DoesNotFit { get; init; }
    public required string ComeWithFewer { get; init; }
    public required string WaitWithAll { get; init; }
    public required string ConfirmCancel { get; init; }
    public required string ConfirmLeaveWaitingList { get; init; }
    public required string CancelYes { get; init; }
    public required string CancelNo { get; init; }
    public required string WaitingPosition { get; init; }

    public static MeetingTexts Dutch { get; } = new()
    {
        Upcoming = "Dit zijn de bijeenkomsten in {0}. Kies er een voor meer informatie of om je aan te melden.",
        None = "Er zijn nu geen bijeenkomsten gepland in {0}. Kijk later nog eens!",
        View = "Bekijk ‘{0}’",
        When = "Wanneer",
        Where = "Waar",
        Organiser = "Wie organiseert het",
        Places = "Plekken",
        PlacesLeft = "nog {0} vrij",
        Full = "vol, er is een wachtlijst",
        Example = "Dit is een voorbeeld, om te laten zien hoe het werkt.",
        YouComing = "Je bent aangemeld met {0}.",
        YouWaiting = "Je staat op de wachtlijst.",
        YouMaybe = "Je zei: misschien.",
        YouNotComing = "Je zei: ik kom niet.",
        Yes = "Ik kom",
        JoinWaitingList = "Zet me op de wachtlijst",
        Maybe = "Misschien",
        No = "Ik kom niet",
        Cancel = "Afmelden",
        ChangeParty = "Aantal personen wijzigen",
        AddToCalendar = "Zet in mijn agenda",
        OtherMeetings = "Andere bijeenkomsten",
        FullOfferWaitingList = "Deze bijeenkomst is vol. Wil je op de wachtlijst? Komt er een plek vrij, dan schuif je vanzelf door.",
        AskParty = "Met hoeveel mensen kom je? Tel jezelf ook mee. Meer dan {1}? Typ het aantal (tot {0}).",
        PartyInvalid = "Typ een aantal van 1 tot {0}, bijvoorbeeld ‘2’ of ‘met z’n tweeën’. Kom je met meer mensen? Neem dan contact op met {1}.",
        Confirmed = "Gelukt! Je bent aangemeld voor ‘{0}’ met {1}.\n\nWanneer: {2}.\n\nWaar: {3}.\n\nKun je toch niet? Meld je dan af bij ‘Bijeenkomsten’, dan gaat je plek naar iemand anders.",
        Waiting = "De bijeenkomst ‘{0}’ is vol. Je staat op de wachtlijst: plek {1}. Komt er een plek vrij, dan schuif je vanzelf door. Kijk bij ‘Bijeenkomsten’ of je erbij bent.",
        MaybeNoted = "Je zei ‘misschien’ voor ‘{0}’. Je hebt nog geen plek. Weet je het zeker? Kies dan ‘Ik kom’.",
        Declined = "Je bent afgemeld voor ‘{0}’. Jammer dat je niet kunt! Een volgende keer ben je weer welkom.",
        NotComing = "Je hebt laten weten dat je niet komt naar ‘{0}’. Dank je! Een volgende keer ben je weer welkom.",
        Started = "Deze bijeenkomst is al begonnen of voorbij. Aanmelden of afmelden kan niet meer.",
        NotEnoughPlaces = "Er zijn niet genoeg plekken meer voor {0}. Je aanmelding blijft zoals hij was.",
        PartyTooLarge = "Deze bijeenkomst heeft in totaal plek voor {0}. Met {1} past dat niet. Kom je met minder mensen? Kies dan hoeveel.",
        OtherNeighbourhood = "Deze bijeenkomst is in een andere buurt. Je kunt je aanmelden voor bijeenkomsten in je eigen buurt. Je vindt ze bij ‘Bijeenkomsten’.",
        Gone = "Deze bijeenkomst kan ik niet vinden. Misschien is hij niet meer gepland.",
        TimeRange = "{0} van {1} tot {2} uur",
        Promoted = "Goed nieuws! Er is een plek vrijgekomen bij ‘{0}’ ({1}). Je bent nu aangemeld met {2}. Kun je toch niet? Meld je dan af bij ‘Bijeenkomsten’.",
        WhichMeeting = "Welke bijeenkomst bedoel je? Kies er een, of typ de naam of de dag.",
        StillSignedUp = "Fijn, je aanmelding blijft staan.",
        CancelNotUnderstood = "Kies ‘Ja, meld me af’ of ‘Nee, ik blijf aangemeld’.",
        RsvpNotUnderstood = "Kies hieronder of je komt. Je kunt ook typen, bijvoorbeeld ‘ik kom met 2 mensen’ of ‘misschien’.",
        DoesNotFit = "Er is nog plek voor {0}. Met {1} past het niet. Kom je met minder mensen? Of wil je met {1} op de wachtlijst?",
        ComeWithFewer = "Ik kom met {0}",
        WaitWithAll = "Wachtlijst voor {0}",
        ConfirmCancel = "Weet je het zeker? Dan meld ik je af voor ‘{0}’. Je plek voor {1} gaat dan naar iemand anders.",
        ConfirmLeaveWaitingList = "Weet je het zeker? Dan haal ik je van de wachtlijst voor ‘{0}’.",
        CancelYes = "Ja, meld me af",
        CancelNo = "Nee, ik blijf aangemeld",
        WaitingPosition = "je staat op de wachtlijst: plek {0}",
    };

    public static MeetingTexts English { get; } = new()
    {
        Upcoming = "These are the meetings in {0}. Choose one for more information or to sign up.",
        None = "There are no meetings planned in {0} right now. Please look again later!",
        View = "View ‘{0}’",
        When = "When",
        Where = "Where",
        Organiser = "Organised by",
        Places = "Places",
        PlacesLeft = "{0} left",
        Full = "full, there is a waiting list",
        Example = "This is an example, to show how it works.",
        YouComing = "You are signed up with {0}.",
        YouWaiting = "You are on the waiting list.",
        YouMaybe = "You said: maybe.",
        YouNotComing = "You said: I am not coming.",
        Yes = "I am coming",
        JoinWaitingList = "Put me on the waiting list",
        Maybe = "Maybe",
        No = "I am not coming",
        Cancel = "Cancel my place",
        ChangeParty = "Change the number of people",
        AddToCalendar = "Add to my calendar",
        OtherMeetings = "Other meetings",
        FullOfferWaitingList = "This meeting is full. Would you like to join the waiting list? When a place becomes free, you move up automatically.",
        AskParty = "How many people are coming? Count yourself too. More than {1}? Type the number (up to {0}).",
        PartyInvalid = "Please type a number from 1 to {0}, for example ‘2’ or ‘two of us’. Coming with more people? Please contact {1}.",
        Confirmed = "Done! You are signed up for ‘{0}’ with {1}.\n\nWhen: {2}.\n\nWhere: {3}.\n\nCannot come after all? Cancel in ‘Meetings’, so your place goes to someone else.",
        Waiting = "The meeting ‘{0}’ is full. You are on the waiting list: place {1}. When a place becomes free, you move up automatically. Look in ‘Meetings’ to see if you are in.",
        MaybeNoted = "You said ‘maybe’ for ‘{0}’. You do not have a place yet. Are you sure? Then choose ‘I am coming’.",
        Declined = "Your place for ‘{0}’ is cancelled. A pity you cannot come! You are welcome next time.",
        NotComing = "You let us know you are not coming to ‘{0}’. Thank you! You are welcome next time.",
        Started = "This meeting has already started or is over. Signing up or cancelling is no longer possible.",
        NotEnoughPlaces = "There are not enough places left for {0}. Your sign-up stays as it was.",
        PartyTooLarge = "This meeting has room for {0} in total. A group of {1} does not fit. Are you coming with fewer people? Then choose how many.",
        OtherNeighbourhood = "This meeting is in another neighbourhood. You can sign up for meetings in your own neighbourhood. You find them under ‘Meetings’.",
        Gone = "I cannot find this meeting. Maybe it is no longer planned.",
        TimeRange = "{0} from {1} to {2}",
        Promoted = "Good news! A place has become free at ‘{0}’ ({1}). You are now signed up with {2}. Cannot come after all? Please cancel in ‘Meetings’.",
        WhichMeeting = "Which meeting do you mean? Choose one, or type its name or the day.",
        StillSignedUp = "Good, you are still signed up.",
        CancelNotUnderstood = "Choose ‘Yes, cancel my place’ or ‘No, keep my place’.",
        RsvpNotUnderstood = "Choose below whether you are coming. You can also type it, for example ‘I’ll come with 2 people’ or ‘maybe’.",
        DoesNotFit = "There is room for {0}. A group of {1} does not fit. Are you coming with fewer people? Or shall I put you on the waiting list with {1}?",
        ComeWithFewer = "We come with {0}",
        WaitWithAll = "Waiting list for {0}",
        ConfirmCancel = "Are you sure? Then I cancel your place for ‘{0}’. Your place for {1} goes to someone else.",
        ConfirmLeaveWaitingList = "Are you sure? Then I take you off the waiting list for ‘{0}’.",
        CancelYes = "Yes, cancel my place",
        CancelNo = "No, keep my place",
        WaitingPosition = "you are on the waiting list: number {0}",
    };
}
