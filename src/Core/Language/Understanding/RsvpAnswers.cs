using VeerkrachtBot.Core.Meetings;

namespace VeerkrachtBot.Core.Language.Understanding;

/// <summary>
/// Whether a resident comes to the meeting shown, in their own words, and with how many: "ik kom met 2 mensen",
/// "we komen met z'n drieën", "misschien", "ik kan niet", "count me in", "not coming", or plain yes and no.
/// </summary>
public static class RsvpAnswers
{
    /// <summary>Longer texts say something else as well: a concern, a question.</summary>
    public const int MaxWords = 10;

    // Not coming and maybe first: "ik kom niet" holds "ik kom", "weet niet of ik kom" too.
    private static readonly string[][] NoPhrases = TypedWords.Phrases(
        "kom niet", "komen niet", "kan niet", "kunnen niet", "niet komen", "er niet bij", "afmelden", "meld me af", "meld mij af", "helaas niet",
        "can't come", "cant come", "cannot come", "can't make it", "cant make it", "not coming", "won't come", "wont come", "can't", "cannot");

    private static readonly string[][] MaybePhrases = TypedWords.Phrases(
        "misschien", "weet ik nog niet", "weet nog niet", "weet niet", "wellicht", "mogelijk", "maybe", "perhaps", "not sure",
        "might come", "possibly");

    private static readonly string[][] YesPhrases = TypedWords.Phrases(
        "ik kom", "kom ik", "we komen", "wij komen", "komen we", "ik ben erbij", "ben erbij", "zijn erbij", "we zijn erbij", "aanmelden",
        "meld me aan", "meld mij aan", "schrijf me in", "i'll come", "ill come", "i will come", "we'll come", "we will come", "i'm coming",
        "im coming", "we're coming", "coming", "count me in", "sign me up", "i'll be there", "we'll be there", "i come", "we come");

    /// <summary>The response and, for yes, the party size when the text says it; null when the text is no such answer.</summary>
    public static (RsvpResponse Response, int? PartySize)? Read(TypedWords typed)
    {
        var words = typed.Words;
        if (words.Count > MaxWords)
        {
            return null;
        }

        if (Says(words, NoPhrases))
        {
            return (RsvpResponse.No, null);
        }

        if (Says(words, MaybePhrases))
        {
            return (RsvpResponse.Maybe, null);
        }

        var plain = YesNo.Read(typed);
        if (Says(words, YesPhrases) || plain == true)
        {
            return (RsvpResponse.Yes, PartySizes.Read(typed));
        }

        return plain == false ? (RsvpResponse.No, null) : null;
    }

    private static bool Says(IReadOnlyList<string> words, string[][] phrases) => phrases.Any(p => TypedWords.IndexOf(words, p) >= 0);

}
