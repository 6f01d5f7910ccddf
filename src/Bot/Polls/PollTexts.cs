namespace VeerkrachtBot.Bot.Polls;

/// <summary>What the bot says about polls on the neighbourhood agenda, in plain Dutch (B1) and English.</summary>
public sealed record PollTexts
{
    public required string OnArrival { get; init; }
    public required string WaitingForYou { get; init; }
    public required string List { get; init; }
    public required string None { get; init; }
    public required string AgendaItem { get; init; }
    public required string ClosesOn { get; init; }
    public required string YourAnswer { get; init; }
    public required string ChangeHint { get; init; }
    public required string Answer { get; init; }
    public required string ChangeAnswer { get; init; }
    public required string Example { get; init; }
    public required IReadOnlyList<string> Scores { get; init; }
    public required string AskComment { get; init; }
    public required string NoComment { get; init; }
    public required string EarlierCommentStays { get; init; }
    public required string CommentTooLong { get; init; }
    public required string Thanks { get; init; }
    public required string Changed { get; init; }
    public required string Closed { get; init; }
    public required string Gone { get; init; }
    public required string Next { get; init; }

    /// <summary>The faces of the answers 1 to 5.</summary>
    public static IReadOnlyList<string> Faces { get; } = ["😞", "🙁", "😐", "🙂", "😄"];

    public static PollTexts Dutch { get; } = new()
    {
        OnArrival = "Er is een vraag over je buurt. Wil je meedoen? Het duurt maar even.",
        WaitingForYou = "Er staan vragen over de buurt voor je klaar. Kies ‘Vragen over de buurt’ om mee te doen.",
        List = "Dit zijn de open vragen voor {0}. Kies een vraag.",
        None = "Er zijn nu geen open vragen voor {0}. Kijk later nog eens!",
        AgendaItem = "Onderwerp",
        ClosesOn = "Je kunt antwoorden tot {0} om {1} uur.",
        YourAnswer = "Jouw antwoord: {0}.",
        ChangeHint = "Kies opnieuw als je je antwoord wilt veranderen.",
        Answer = "Beantwoorden",
        ChangeAnswer = "Antwoord veranderen",
        Example = "Dit is een voorbeeld, om te laten zien hoe het werkt.",
        Scores = ["Heel slecht", "Slecht", "Gaat wel", "Goed", "Heel goed"],
        AskComment = "Dank je! Wil je er nog iets over zeggen? Typ het hieronder (maximaal {0} tekens). Of kies ‘Geen opmerking’.",
        NoComment = "Geen opmerking",
        EarlierCommentStays = "Je eerdere opmerking blijft staan. Typ een nieuwe als je hem wilt vervangen.",
        CommentTooLong = "Je opmerking is te lang. Kun je het in maximaal {0} tekens zeggen?",
        Thanks = "Dank je wel! Je antwoord is opgeslagen. Zolang de vraag open is, kun je het nog veranderen.",
        Changed = "Dank je wel! Je antwoord is veranderd. Zolang de vraag open is, kun je het nog veranderen.",
        Closed = "Deze vraag is gesloten. Antwoorden kan niet meer. Dank je wel voor je interesse!",
        Gone = "Deze vraag kan ik niet vinden.",
        Next = "Er is nog een vraag voor je buurt.",
    };

    public static PollTexts English { get; } = new()
    {
        OnArrival = "There is a question about your neighbourhood. Would you like to take part? It only takes a moment.",
        WaitingForYou = "There are questions about the neighbourhood waiting for you. Choose ‘Neighbourhood questions’ to take part.",
        List = "These are the open questions for {0}. Choose a question.",
        None = "There are no open questions for {0} right now. Please look again later!",
        AgendaItem = "Topic",
        ClosesOn = "You can answer until {0} at {1}.",
        YourAnswer = "Your answer: {0}.",
        ChangeHint = "Choose again if you want to change your answer.",
        Answer = "Answer",
        ChangeAnswer = "Change my answer",
        Example = "This is an example, to show how it works.",
        Scores = ["Very bad", "Bad", "Okay", "Good", "Very good"],
        AskComment = "Thank you! Would you like to add something? Type it below (at most {0} characters). Or choose ‘No comment’.",
        NoComment = "No comment",
        EarlierCommentStays = "Your earlier comment stays. Type a new one if you want to replace it.",
        CommentTooLong = "Your comment is too long. Could you say it in at most {0} characters?",
        Thanks = "Thank you! Your answer has been saved. While the question is open, you can still change it.",
        Changed = "Thank you! Your answer has been changed. While the question is open, you can still change it.",
        Closed = "This question is closed. Answering is no longer possible. Thank you for your interest!",
        Gone = "I cannot find this question.",
        Next = "There is one more question for your neighbourhood.",
    };
}
