using System.ComponentModel.DataAnnotations;

namespace VeerkrachtBot.Core.Retention;

/// <summary>
/// How long personal data is kept, in months, and how often instances look whether the daily run is due. Bound from
/// <c>Privacy</c>, beside the contacts the privacy statement names: the statement shows these same values.
/// </summary>
public sealed class RetentionOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Privacy";

    /// <summary>A resident's own (unredacted) texts are removed this many months after their last message; the redacted text stays.</summary>
    [Range(1, 120)]
    public int OriginalTextRetentionMonths { get; set; } = 12;

    /// <summary>The contact details given with ideas are removed this many months after the resident's last message.</summary>
    [Range(1, 120)]
    public int ContactDetailRetentionMonths { get; set; } = 12;

    /// <summary>A resident who sent nothing for this many months is anonymised: their code and everything that points to them go.</summary>
    [Range(1, 120)]
    public int InactiveResidentMonths { get; set; } = 12;

    /// <summary>The web chat's conversation (the local Direct Line transcript) is kept this many months.</summary>
    [Range(1, 120)]
    public int TranscriptRetentionMonths { get; set; } = 3;

    /// <summary>Whether this instance runs the daily retention job (every instance may: a run row keeps it to one a day).</summary>
    public bool RetentionJobEnabled { get; set; } = true;

    /// <summary>How often an instance looks whether today's run is done (a single read when it is).</summary>
    [Range(1, 1440)]
    public double RetentionCheckMinutes { get; set; } = 60;

    /// <summary>The moments before which data is due, for a run at <paramref name="now"/>.</summary>
    public RetentionCutoffs CutoffsAt(DateTimeOffset now) => new(
        now,
        now.AddMonths(-OriginalTextRetentionMonths),
        now.AddMonths(-ContactDetailRetentionMonths),
        now.AddMonths(-InactiveResidentMonths),
        now.AddMonths(-TranscriptRetentionMonths));
}

/// <summary>For one run: data older than a cutoff (or of a resident last seen before it) is due.</summary>
/// <param name="Now">When the run happens.</param>
/// <param name="OriginalTexts">Residents last seen before this lose their own texts.</param>
/// <param name="ContactDetails">Residents last seen before this lose the contact details given with ideas.</param>
/// <param name="InactiveResidents">Residents last seen before this are anonymised.</param>
/// <param name="Transcripts">Transcript entries written before this are deleted.</param>
public sealed record RetentionCutoffs(DateTimeOffset Now, DateTimeOffset OriginalTexts, DateTimeOffset ContactDetails, DateTimeOffset InactiveResidents, DateTimeOffset Transcripts);
