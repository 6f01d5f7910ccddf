using System.ComponentModel.DataAnnotations;

namespace VeerkrachtBot.Bot.Privacy;

/// <summary>What the privacy statement says about keeping and asking. Bound from <c>Privacy</c>.</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>How long the web chat's conversation is kept for a returning resident, in months (the statement says it).</summary>
    [Range(1, 120)]
    public int TranscriptRetentionMonths { get; set; } = 3;

    /// <summary>Whom residents ask about their data: the municipality's privacy contact.</summary>
    [Required]
    public string MunicipalityContact { get; set; } = "de functionaris gegevensbescherming van de gemeente Maastricht (bel 14 043)";

    /// <summary>Where residents can complain: the Dutch data protection authority.</summary>
    [Required]
    public string SupervisorContact { get; set; } = "de Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl)";
}
