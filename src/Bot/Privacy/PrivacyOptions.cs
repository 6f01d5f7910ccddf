using System.ComponentModel.DataAnnotations;

namespace VeerkrachtBot.Bot.Privacy;

/// <summary>Whom the privacy statement names. Bound from <c>Privacy</c>, beside the retention periods (<see cref="Core.Retention.RetentionOptions"/>) it shows.</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>Whom residents ask about their data: the municipality's privacy contact.</summary>
    [Required]
    public string MunicipalityContact { get; set; } = "de functionaris gegevensbescherming van de gemeente Maastricht (bel 14 043)";

    /// <summary>Where residents can complain: the Dutch data protection authority.</summary>
    [Required]
    public string SupervisorContact { get; set; } = "de Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl)";
}
