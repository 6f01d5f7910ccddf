using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Bot.Proactive;

/// <summary>What the bot says when it writes to a resident first, in plain Dutch (B1) and English.</summary>
public sealed record NoticeTexts
{
    public required string IdeaNews { get; init; }
    public required string IdeaNewsHint { get; init; }
    public required string ViewMeeting { get; init; }
    public required string MeetingAnnounced { get; init; }
    public required string PollAnnounced { get; init; }
    public required string WhyNews { get; init; }

    public static NoticeTexts Dutch { get; } = new()
    {
        IdeaNews = "Er is nieuws over je idee: ‘{0}’",
        IdeaNewsHint = "Bij ‘Mijn ideeën’ zie je al je ideeën en wat ermee gebeurt.",
        ViewMeeting = "Bekijk de bijeenkomst",
        MeetingAnnounced = "Er is een nieuwe bijeenkomst in {0}: ‘{1}’. Je bent welkom!",
        PollAnnounced = "Er is een nieuwe vraag over je buurt. Wil je meedoen? Het duurt maar even.",
        WhyNews = "Je krijgt dit bericht omdat je nieuws over je buurt wilt krijgen. Wil je dat niet meer? Kijk bij ‘Mijn gegevens’.",
    };

    public static NoticeTexts English { get; } = new()
    {
        IdeaNews = "There is news about your idea: ‘{0}’",
        IdeaNewsHint = "In ‘My ideas’ you see all your ideas and what happens with them.",
        ViewMeeting = "View the meeting",
        MeetingAnnounced = "There is a new meeting in {0}: ‘{1}’. You are welcome!",
        PollAnnounced = "There is a new question about your neighbourhood. Would you like to take part? It only takes a moment.",
        WhyNews = "You get this message because you asked for news about your neighbourhood. Don't want it any more? Go to ‘My data’.",
    };

    public static NoticeTexts For(ResidentLanguage language) => language == ResidentLanguage.English ? English : Dutch;
}
