using VeerkrachtBot.Core.Neighbourhoods;

namespace VeerkrachtBot.Core.Language.Understanding;

/// <summary>What the bot asked last, so a typed text can be read as its answer.</summary>
public enum AnswerKind
{
    /// <summary>No open question (the menu): a neighbourhood the resident says they live in still counts.</summary>
    None,

    /// <summary>Yes or no ("Weet je het zeker?").</summary>
    YesNo,

    /// <summary>Yes or no to being contacted; a phone number or e-mail address typed with it is kept.</summary>
    Contact,

    /// <summary>Which neighbourhood ("In welke buurt woon je?").</summary>
    Neighbourhood,

    /// <summary>An e-mail address or phone number.</summary>
    ContactDetail,

    /// <summary>Themes from the theme list.</summary>
    Themes,

    /// <summary>How many people.</summary>
    PartySize,

    /// <summary>Free text: the idea or concern itself ("Vertel het maar!").</summary>
    Text,

    /// <summary>An optional comment (a poll's): any text, or no.</summary>
    Comment,

    /// <summary>One of the listed meetings.</summary>
    Meeting,

    /// <summary>Whether the resident comes to the meeting shown ("ik kom met 2 mensen", "misschien", "ik kan niet").</summary>
    Rsvp,
}

/// <summary>The open question: what kind of answer, and for a meeting list, the meetings and today's date.</summary>
public sealed record ExpectedAnswer(AnswerKind Kind)
{
    /// <summary>Nothing asked.</summary>
    public static ExpectedAnswer Nothing { get; } = new(AnswerKind.None);

    /// <summary>The meetings listed, for <see cref="AnswerKind.Meeting"/>.</summary>
    public IReadOnlyList<MeetingOption> Meetings { get; init; } = [];

    /// <summary>Today in Amsterdam, for dates typed at a meeting list.</summary>
    public DateTime Today { get; init; } = DateTime.Today;
}

/// <summary>What a typed text is, at the step it was typed.</summary>
public enum TurnDecisionKind
{
    /// <summary>The answer to the open question.</summary>
    Answer,

    /// <summary>A command (menu, stop, a flow, a language).</summary>
    Command,

    /// <summary>A question about the bot, to answer (never stored).</summary>
    Question,

    /// <summary>Something to share with the neighbourhood: an idea or concern.</summary>
    Message,

    /// <summary>None of these: ask again.</summary>
    NotUnderstood,
}

/// <summary>The decision about one typed text, with what it holds.</summary>
public sealed record TurnDecision(TurnDecisionKind Kind)
{
    /// <summary>The command, for <see cref="TurnDecisionKind.Command"/>.</summary>
    public ResidentCommand Command { get; init; }

    /// <summary>The question, for <see cref="TurnDecisionKind.Question"/>.</summary>
    public BotQuestion? Question { get; init; }

    /// <summary>Yes or no, for yes/no, contact and comment answers (a comment's "no" is "no comment").</summary>
    public bool? Yes { get; init; }

    /// <summary>The neighbourhood answered, or named in a message.</summary>
    public string? NeighbourhoodId { get; init; }

    /// <summary>A party size.</summary>
    public int? Number { get; init; }

    /// <summary>An e-mail address or phone number (also typed with a yes to contact).</summary>
    public string? ContactDetail { get; init; }

    /// <summary>Themes chosen.</summary>
    public IReadOnlyList<string> ThemeIds { get; init; } = [];

    /// <summary>The meeting chosen.</summary>
    public string? MeetingId { get; init; }

    /// <summary>Coming, maybe or not, for <see cref="AnswerKind.Rsvp"/> (with <see cref="Number"/> the party when said).</summary>
    public Meetings.RsvpResponse? Response { get; init; }

    /// <summary>A comment's text.</summary>
    public string? Text { get; init; }

    internal static TurnDecision NotUnderstood { get; } = new(TurnDecisionKind.NotUnderstood);
}

/// <summary>
/// The one place that decides what a resident's typed text is at the step it was typed: the answer to the open
/// question, a command, a question about the bot, a message to share, or not understood. Channel-neutral (the bot
/// maps its steps to an <see cref="AnswerKind"/> and acts on the decision) and free of any transport.
/// </summary>
/// <remarks>
/// The order: commands that leave any step ("stop", "menu") first; then the answer the step expects; then the other
/// commands; then questions about the bot; then a message when the text carries content (a short concern counts:
/// "hondenpoep!"); else not understood. A greeting is a command only where nothing specific was asked.
/// </remarks>
public sealed class TurnUnderstanding(NeighbourhoodFinder neighbourhoods, ThemeAnswers themes)
{
    /// <summary>Decides what <paramref name="text"/> is when <paramref name="expected"/> was asked.</summary>
    public TurnDecision Understand(string? text, ExpectedAnswer expected)
    {
        var typed = TypedWords.Of(text);
        if (typed.Words.Count == 0 && typed.Emoji.Count == 0)
        {
            return TurnDecision.NotUnderstood;
        }

        var command = CommandWords.Recognize(typed.Words);
        if (CommandWords.LeavesAnyStep(command) && !IsAnswerWord(typed, expected))
        {
            return new TurnDecision(TurnDecisionKind.Command) { Command = command };
        }

        if (Answer(typed, expected) is { } answer)
        {
            return answer;
        }

        if (command != ResidentCommand.None && (command is not (ResidentCommand.Greeting or ResidentCommand.Thanks) || expected.Kind is AnswerKind.None or AnswerKind.Text))
        {
            return new TurnDecision(TurnDecisionKind.Command) { Command = command };
        }

        if (BotQuestions.Recognize(typed) is { } question)
        {
            return new TurnDecision(TurnDecisionKind.Question) { Question = question };
        }

        return IsMessage(typed, expected, neighbourhoods) ? new TurnDecision(TurnDecisionKind.Message) { NeighbourhoodId = neighbourhoods.Find(typed)?.Id } : TurnDecision.NotUnderstood;
    }

    /// <summary>"toch niet" is a stop in general but the answer no to a yes/no question.</summary>
    private static bool IsAnswerWord(TypedWords typed, ExpectedAnswer expected) =>
        expected.Kind is AnswerKind.YesNo or AnswerKind.Contact or AnswerKind.ContactDetail or AnswerKind.Comment && YesNo.Read(typed) is not null;

    private TurnDecision? Answer(TypedWords typed, ExpectedAnswer expected)
    {
        switch (expected.Kind)
        {
            case AnswerKind.None:
                return NeighbourhoodStatement(typed) is { } lives ? new TurnDecision(TurnDecisionKind.Answer) { NeighbourhoodId = lives } : null;
            case AnswerKind.Neighbourhood:
                return NeighbourhoodAnswer(typed) is { } id ? new TurnDecision(TurnDecisionKind.Answer) { NeighbourhoodId = id } : null;
            case AnswerKind.YesNo:
                return YesNo.Read(typed) is { } yes ? new TurnDecision(TurnDecisionKind.Answer) { Yes = yes } : null;
            case AnswerKind.Contact:
                var detail = ContactDetails.Find(typed.Text);
                return YesNo.Read(typed) is { } allowed ? new TurnDecision(TurnDecisionKind.Answer) { Yes = allowed, ContactDetail = allowed ? detail : null }
                    : detail is not null && Lexicon.ContentWords(typed.Words).Count <= 2 ? new TurnDecision(TurnDecisionKind.Answer) { Yes = true, ContactDetail = detail }
                    : null;
            case AnswerKind.ContactDetail:
                if (ContactDetails.Find(typed.Text) is { } found)
                {
                    return new TurnDecision(TurnDecisionKind.Answer) { Yes = true, ContactDetail = found };
                }

                return YesNo.Read(typed) == false ? new TurnDecision(TurnDecisionKind.Answer) { Yes = false } : null;
            case AnswerKind.Themes:
                return themes.Read(typed) is { } chosen ? new TurnDecision(TurnDecisionKind.Answer) { ThemeIds = chosen } : null;
            case AnswerKind.PartySize:
                return PartySizes.Read(typed) is { } size ? new TurnDecision(TurnDecisionKind.Answer) { Number = size } : null;
            case AnswerKind.Rsvp:
                return RsvpAnswers.Read(typed) is { } rsvp ? new TurnDecision(TurnDecisionKind.Answer) { Response = rsvp.Response, Number = rsvp.PartySize } : null;
            case AnswerKind.Meeting:
                return MeetingAnswers.Read(typed, expected.Meetings, expected.Today) is { } meeting ? new TurnDecision(TurnDecisionKind.Answer) { MeetingId = meeting } : null;
            case AnswerKind.Comment:
                if (NoComment(typed))
                {
                    return new TurnDecision(TurnDecisionKind.Answer) { Yes = false };
                }

                return CommandWords.Recognize(typed.Words) == ResidentCommand.None && BotQuestions.Recognize(typed) is null
                    ? new TurnDecision(TurnDecisionKind.Answer) { Yes = true, Text = typed.Text.Trim() }
                    : null;
            default:
                return null;
        }
    }

    private static bool LivesCue(string word) => word is "woon" or "wonen" or "woont" or "live" or "lives" or "living";

    /// <summary>"Pottenberg", "ik woon in Nazareth", "woon op de chamottestraat": nothing but where the resident lives.</summary>
    private string? NeighbourhoodStatement(TypedWords typed)
    {
        var mentions = neighbourhoods.Mentions(typed.Words);
        if (mentions.Count == 0 || neighbourhoods.Find(typed) is not { } found)
        {
            return null;
        }

        var rest = typed.Words.Where((_, i) => !mentions.Any(m => i >= m.Position && i < m.Position + m.Length)).ToList();
        return Lexicon.ContentWords(rest).All(w => w is "woon" or "wonen" or "live" or "sinds" or "kort" or "lang" or "jaar") ? found.Id : null;
    }

    /// <summary>
    /// Asked which neighbourhood: any text that names one (and says nothing else of its own) answers. A concern that
    /// names the neighbourhood ("te weinig bankjes in het park in Pottenberg") is a message, which carries the
    /// neighbourhood too: taken as the answer alone, the concern was lost.
    /// </summary>
    private string? NeighbourhoodAnswer(TypedWords typed)
    {
        if (neighbourhoods.Find(typed) is not { } found)
        {
            return null;
        }

        var mentions = neighbourhoods.Mentions(typed.Words);
        var rest = Lexicon.ContentWords(typed.Words.Where((_, i) => !mentions.Any(m => i >= m.Position && i < m.Position + m.Length)).ToList());
        var concern = (rest.Count >= 2 && Lexicon.SignalsConcern(rest)) || UrgentMessages.Detect(typed.Text) is not null;
        return rest.Count <= 3 && !concern ? found.Id : null;
    }

    private static bool NoComment(TypedWords typed)
    {
        var words = typed.Words;
        var rest = words.Where(w => w is not ("geen" or "opmerking" or "opmerkingen" or "commentaar" or "niks" or "niets" or "nothing" or "comment" or "comments")).ToList();
        var saidNothing = words.Count > rest.Count && Lexicon.ContentWords(rest).Count == 0;
        return saidNothing || (YesNo.Read(typed) == false && Lexicon.ContentWords(words).Count == 0);
    }

    /// <summary>
    /// Something to share: at the idea step any text with a word of its own; elsewhere a sentence with two words of
    /// content, or a word that signals a concern ("hondenpoep!", "kapotte lamp"), or anything urgent.
    /// </summary>
    private static bool IsMessage(TypedWords typed, ExpectedAnswer expected, NeighbourhoodFinder neighbourhoods)
    {
        // Names of neighbourhoods and streets, and where the resident lives ("ik woon in Amby"), are no concern of their own.
        var mentions = neighbourhoods.Mentions(typed.Words);
        var words = typed.Words.Where((_, i) => !mentions.Any(m => i >= m.Position && i < m.Position + m.Length)).ToList();
        var content = Lexicon.ContentWords(words);
        if (UrgentMessages.Detect(typed.Text) is not null)
        {
            // "ik wil niet meer leven" has few words of content, but must reach the resident's number at once.
            return true;
        }

        if (content.Count == 0 || (words.Any(LivesCue) && content.Count(w => !LivesCue(w)) <= 1 && !Lexicon.SignalsConcern(content)))
        {
            return false;
        }

        // Two unknown words alone ("qwerty zxcv", "goed bezig") are not enough to reach the professionals' digests.
        return expected.Kind == AnswerKind.Text || (content.Count >= 2 && words.Count >= 3) || Lexicon.SignalsConcern(content);
    }
}
