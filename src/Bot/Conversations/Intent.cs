namespace VeerkrachtBot.Bot.Conversations;

/// <summary>What a resident asks for, recognised from a typed word or a button.</summary>
public enum Intent
{
    None,
    Greeting,
    Menu,
    Help,
    Stop,
    ShareIdea,
    MyIdeas,
    Meetings,
    Polls,
    MyData,
    English,
    Dutch,
}
