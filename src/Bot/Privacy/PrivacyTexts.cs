namespace VeerkrachtBot.Bot.Privacy;

/// <summary>"My data" and the privacy statement, in plain Dutch (B1) and English.</summary>
public sealed record PrivacyTexts
{
    public required string Overview { get; init; }
    public required string Language { get; init; }
    public required string Neighbourhood { get; init; }
    public required string Unknown { get; init; }
    public required string Ideas { get; init; }
    public required string Rsvps { get; init; }
    public required string PollAnswers { get; init; }
    public required string ContactConsent { get; init; }
    public required string KeepTextConsent { get; init; }
    public required string NewsConsent { get; init; }
    public required string GiveNews { get; init; }
    public required string WithdrawNews { get; init; }
    public required string NewsGiven { get; init; }
    public required string NewsAskNeighbourhood { get; init; }
    public required string ConsentYes { get; init; }
    public required string ConsentNo { get; init; }
    public required string Download { get; init; }
    public required string DownloadJson { get; init; }
    public required string PageTitle { get; init; }
    public required string PageIntro { get; init; }
    public required string PageAboutYou { get; init; }
    public required string PageCode { get; init; }
    public required string PageFirstSeen { get; init; }
    public required string PageLastSeen { get; init; }
    public required string PageConsents { get; init; }
    public required string PageConsentGiven { get; init; }
    public required string PageConsentWithdrawn { get; init; }
    public required string PageNone { get; init; }
    public required string PageText { get; init; }
    public required string PageOriginalText { get; init; }
    public required string PageFooter { get; init; }
    public required string EraseUseButton { get; init; }
    public required string DownloadReady { get; init; }
    public required string Statement { get; init; }
    public required string StatementTitle { get; init; }
    public required string WithdrawContact { get; init; }
    public required string WithdrawKeepText { get; init; }
    public required string GiveKeepText { get; init; }
    public required string Withdrawn { get; init; }
    public required string NotWithdrawn { get; init; }
    public required string KeepTextGiven { get; init; }
    public required string Erase { get; init; }
    public required string EraseConfirm { get; init; }
    public required string EraseYes { get; init; }
    public required string EraseNo { get; init; }
    public required string Erased { get; init; }
    public required string NotErased { get; init; }

    public static PrivacyTexts Dutch { get; } = new()
    {
        Overview = "Dit weet ik van je. Ik ken geen naam: voor mij ben je een code. Je kunt alles downloaden of laten verwijderen.",
        Language = "Taal",
        Neighbourhood = "Buurt",
        Unknown = "nog niet gekozen",
        Ideas = "Ideeën en zorgen",
        Rsvps = "Aanmeldingen voor bijeenkomsten",
        PollAnswers = "Antwoorden op vragen",
        ContactConsent = "Contact over je ideeën",
        KeepTextConsent = "Je eigen tekst bewaren",
        NewsConsent = "Nieuws over je buurt",
        GiveNews = "Stuur me nieuws over mijn buurt",
        WithdrawNews = "Geen nieuws meer over mijn buurt",
        NewsGiven = "Gedaan. Komt er een nieuwe bijeenkomst of een nieuwe vraag in je buurt? Dan stuur ik je een bericht. Je kunt dit altijd weer uitzetten.",
        NewsAskNeighbourhood = "Gedaan. In welke buurt woon je? Dan weet ik over welke buurt ik je nieuws stuur.",
        ConsentYes = "ja, dat mag",
        ConsentNo = "nee",
        Download = "Bekijk mijn gegevens",
        DownloadJson = "Download als bestand (JSON)",
        PageTitle = "Mijn gegevens bij VeerkrachtBot",
        PageIntro = "Dit is alles wat VeerkrachtBot over je bewaart, op {0}.",
        PageAboutYou = "Over jou",
        PageCode = "Je code (wij kennen geen naam)",
        PageFirstSeen = "Eerste bericht",
        PageLastSeen = "Laatste bericht",
        PageConsents = "Toestemming",
        PageConsentGiven = "gegeven op {0}",
        PageConsentWithdrawn = "gegeven op {0}, ingetrokken op {1}",
        PageNone = "Niets.",
        PageText = "Wat we lezen (zonder persoonlijke gegevens)",
        PageOriginalText = "Je eigen tekst",
        PageFooter = "Wil je iets laten veranderen of alles laten verwijderen? Dat kan in de chat bij ‘Mijn gegevens’.",
        EraseUseButton = "Wil je echt alles verwijderen? Druk dan op de knop ‘Ja, verwijder alles’.",
        DownloadReady = "Hieronder kun je je gegevens bekijken of als bestand downloaden. De links werken {0} minuten.",
        StatementTitle = "Privacy",
        Statement = "Wat bewaren we? Je buurt, je taal, je ideeën en zorgen, je aanmeldingen en je antwoorden. We bewaren geen naam: voor ons ben je een code. " +
                    "Typ je een e-mailadres of telefoonnummer omdat iemand contact met je mag opnemen? Dan bewaren we dat bij dat idee, tot je het intrekt. Zeg je {1} maanden niets meer in de chat? Dan halen we het weg.\n\n" +
                    "Namen, adressen, telefoonnummers en andere persoonlijke gegevens halen we uit je ideeën en opmerkingen voordat iemand ze leest. Je eigen tekst bewaren we alleen als jij dat goed vindt, en nooit langer dan {0} maanden na je laatste bericht.\n\n" +
                    "Het gesprek in de chat op de website bewaren we {3} maanden. Zo zie je het terug als je de pagina opnieuw opent, en ga je verder waar je was. " +
                    "Bij ‘Alles verwijderen’ wissen we het meteen, ook van je scherm.\n\n" +
                    "Hoe lang nog meer? Je buurt, je taal, je aanmeldingen en je antwoorden bewaren we tot je ze laat verwijderen, of tot je {2} maanden niets meer in de chat hebt gezegd. Daarna tellen je ideeën en antwoorden alleen nog mee voor de cijfers van de buurt, zonder je eigen tekst en zonder je code.\n\n" +
                    "Wie leest het? Mensen van de gemeente Maastricht, de woningcorporaties, welzijn (Trajekt) en de wijkagent. Zij zien je ideeën zonder je naam, op werkdagen.\n\n" +
                    "Waarom? Zodat de buurt samen kan beslissen wat nodig is, en zodat jij ziet wat er met je idee gebeurt.\n\n" +
                    "Contact: alleen als jij ‘ja’ zegt, mag iemand contact met je opnemen. Je kunt dat altijd weer intrekken.\n\n" +
                    "Berichten van mij: ik stuur je zelf alleen een bericht als er nieuws is over je idee, als je een plek krijgt bij een bijeenkomst, " +
                    "als een vraag waarop je antwoord gaf gesloten is, of als je om nieuws over je buurt hebt gevraagd. Daarvoor onthoud ik in welk gesprek ik je kan bereiken.\n\n" +
                    "Jouw rechten: bij ‘Mijn gegevens’ zie je alles, kun je het downloaden en kun je alles laten verwijderen. " +
                    "Heb je een vraag over je gegevens? Vraag het {4}. Ben je het niet eens met hoe we met je gegevens omgaan? Dan kun je een klacht indienen bij {5}.",
        WithdrawContact = "Geen contact meer",
        WithdrawKeepText = "Mijn eigen tekst niet meer bewaren",
        GiveKeepText = "Mijn eigen tekst mag bewaard worden",
        Withdrawn = "Gedaan. Je toestemming is ingetrokken.",
        NotWithdrawn = "Je had daar geen toestemming voor gegeven. Er is dus niets veranderd.",
        KeepTextGiven = "Gedaan. Vanaf nu bewaren we je eigen tekst bij nieuwe ideeën. Je kunt dit altijd weer intrekken.",
        Erase = "Alles verwijderen",
        EraseConfirm = "Weet je het zeker? Dan verwijder ik alles wat ik van je weet: je buurt, je taal, je toestemming, je aanmeldingen en het gesprek in de chat op de website.\n\n" +
                       "Je ideeën en antwoorden blijven wel tellen voor de cijfers van de buurt, maar zonder je tekst en zonder je code. Je kunt dit niet terugdraaien.",
        EraseYes = "Ja, verwijder alles",
        EraseNo = "Nee, toch niet",
        Erased = "Klaar. Alles wat ik van je wist, is verwijderd. Wil je later weer meedoen? Dan begin je gewoon opnieuw. Je bent altijd welkom.",
        NotErased = "Oké, ik heb niets verwijderd.",
    };

    public static PrivacyTexts English { get; } = new()
    {
        Overview = "This is what I know about you. I do not know your name: to me you are a code. You can download everything or have it deleted.",
        Language = "Language",
        Neighbourhood = "Neighbourhood",
        Unknown = "not chosen yet",
        Ideas = "Ideas and concerns",
        Rsvps = "Sign-ups for meetings",
        PollAnswers = "Answers to questions",
        ContactConsent = "Contact about your ideas",
        KeepTextConsent = "Keep your own text",
        NewsConsent = "News about your neighbourhood",
        GiveNews = "Send me news about my neighbourhood",
        WithdrawNews = "No more news about my neighbourhood",
        NewsGiven = "Done. When there is a new meeting or a new question in your neighbourhood, I will send you a message. You can always turn this off.",
        NewsAskNeighbourhood = "Done. Which neighbourhood do you live in? Then I know which neighbourhood to send you news about.",
        ConsentYes = "yes, allowed",
        ConsentNo = "no",
        Download = "View my data",
        DownloadJson = "Download as a file (JSON)",
        PageTitle = "My data at VeerkrachtBot",
        PageIntro = "This is everything VeerkrachtBot keeps about you, on {0}.",
        PageAboutYou = "About you",
        PageCode = "Your code (we do not know your name)",
        PageFirstSeen = "First message",
        PageLastSeen = "Last message",
        PageConsents = "Permissions",
        PageConsentGiven = "given on {0}",
        PageConsentWithdrawn = "given on {0}, withdrawn on {1}",
        PageNone = "Nothing.",
        PageText = "What we read (without personal data)",
        PageOriginalText = "Your own text",
        PageFooter = "Would you like something changed, or everything deleted? You can do that in the chat under ‘My data’.",
        EraseUseButton = "Do you really want to delete everything? Then press the button ‘Yes, delete everything’.",
        DownloadReady = "Below you can view your data or download it as a file. The links work for {0} minutes.",
        StatementTitle = "Privacy",
        Statement = "What do we keep? Your neighbourhood, your language, your ideas and concerns, your sign-ups and your answers. We do not keep a name: to us you are a code. " +
                    "Do you type an e-mail address or phone number so that someone may contact you? Then we keep it with that idea until you withdraw it. If you say nothing in the chat for {1} months, we remove it.\n\n" +
                    "We take names, addresses, phone numbers and other personal data out of your ideas and comments before anyone reads them. We keep your own text only if you agree, and never longer than {0} months after your last message.\n\n" +
                    "We keep the conversation in the chat on the website for {3} months. That way you see it again when you open the page again, and you carry on where you were. " +
                    "‘Delete everything’ wipes it at once, also from your screen.\n\n" +
                    "How long for the rest? Your neighbourhood, language, sign-ups and answers stay until you have them deleted, or until you have said nothing in the chat for {2} months. After that your ideas and answers only count for the neighbourhood figures, without your own text and without your code.\n\n" +
                    "Who reads it? People of the city of Maastricht, the housing corporations, welfare (Trajekt) and the community police officer. They see your ideas without your name, on working days.\n\n" +
                    "Why? So the neighbourhood can decide together what is needed, and so you can see what happens with your idea.\n\n" +
                    "Contact: only if you say ‘yes’ may someone contact you. You can always withdraw that.\n\n" +
                    "Messages from me: I only write to you first when there is news about your idea, when you get a place at a meeting, " +
                    "when a question you answered has closed, or when you asked for news about your neighbourhood. For that I remember in which conversation I can reach you.\n\n" +
                    "Your rights: in ‘My data’ you see everything, you can download it and you can have everything deleted. " +
                    "A question about your data? Ask {4}. Do you disagree with how we handle your data? You can complain to {5}.",
        WithdrawContact = "No more contact",
        WithdrawKeepText = "Stop keeping my own text",
        GiveKeepText = "You may keep my own text",
        Withdrawn = "Done. Your permission has been withdrawn.",
        NotWithdrawn = "You had not given that permission, so nothing has changed.",
        KeepTextGiven = "Done. From now on we keep your own text with new ideas. You can always withdraw this.",
        Erase = "Delete everything",
        EraseConfirm = "Are you sure? Then I delete everything I know about you: your neighbourhood, your language, your permissions, your sign-ups and the conversation in the chat on the website.\n\n" +
                       "Your ideas and answers still count for the neighbourhood figures, but without your text and without your code. You cannot undo this.",
        EraseYes = "Yes, delete everything",
        EraseNo = "No, keep it",
        Erased = "Done. Everything I knew about you has been deleted. Would you like to take part again later? Just start again. You are always welcome.",
        NotErased = "Okay, I did not delete anything.",
    };
}
