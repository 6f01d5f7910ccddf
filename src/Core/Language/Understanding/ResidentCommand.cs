namespace VeerkrachtBot.Core.Language.Understanding;

/// <summary>What a resident asks the bot to do, typed as a command ("menu", "stop", "mijn ideeën").</summary>
public enum ResidentCommand
{
    /// <summary>No command.</summary>
    None,

    /// <summary>Hello: the welcome again.</summary>
    Greeting,

    /// <summary>Thank you.</summary>
    Thanks,

    /// <summary>The main menu (also "terug", "opnieuw").</summary>
    Menu,

    /// <summary>What the resident can type.</summary>
    Help,

    /// <summary>Stop what we are doing.</summary>
    Stop,

    /// <summary>Share an idea or concern.</summary>
    ShareIdea,

    /// <summary>My ideas and what happened with them.</summary>
    MyIdeas,

    /// <summary>The meetings.</summary>
    Meetings,

    /// <summary>The questions about the neighbourhood (polls).</summary>
    Polls,

    /// <summary>My data and privacy.</summary>
    MyData,

    /// <summary>The neighbourhood pulse ("buurtpeiling"): a few statements about the neighbourhood, once a period.</summary>
    Pulse,

    /// <summary>Speak English.</summary>
    English,

    /// <summary>Speak Dutch.</summary>
    Dutch,
}

/// <summary>A question about the bot itself, which gets an answer rather than being stored as an idea.</summary>
public enum BotQuestion
{
    /// <summary>"Wat is dit?", "hoe werkt dit?", "wie ben jij?".</summary>
    About,

    /// <summary>"Wie leest dit?", "wat gebeurt er met mijn idee?".</summary>
    WhoReads,

    /// <summary>"Is dit anoniem?", "wat doen jullie met mijn gegevens?".</summary>
    Privacy,

    /// <summary>"Ben jij een robot?".</summary>
    Human,
}
