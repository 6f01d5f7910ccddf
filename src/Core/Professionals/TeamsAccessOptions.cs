namespace VeerkrachtBot.Core.Professionals;

/// <summary>Who may use the professionals' side in Microsoft Teams. Bound from <c>Teams</c>.</summary>
public sealed class TeamsAccessOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Teams";

    /// <summary>Entra tenant ids whose members are professionals (the municipality and each partner organisation). Empty: nobody.</summary>
    public List<string> AllowedTenants { get; set; } = [];

    /// <summary>Entra object ids of the programme managers who cannot be removed in the bot.</summary>
    public List<string> ProgrammeManagers { get; set; } = [];

    /// <summary>Whether every entry is a GUID (what tenant and object ids are).</summary>
    public bool AreGuids() => AllowedTenants.Concat(ProgrammeManagers).All(id => Guid.TryParse(Professionals.ProgrammeManagers.Normalize(id), out _));

    /// <summary>Whether <paramref name="tenantId"/> is one of the allowed tenants (compared as GUIDs, in any case).</summary>
    public bool Allows(string? tenantId)
    {
        var tenant = Professionals.ProgrammeManagers.Normalize(tenantId);
        return tenant.Length > 0 && AllowedTenants.Any(t => Professionals.ProgrammeManagers.Normalize(t) == tenant);
    }
}
