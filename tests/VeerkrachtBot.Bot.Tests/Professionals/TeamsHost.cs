using VeerkrachtBot.Bot.Tests.Infrastructure;

namespace VeerkrachtBot.Bot.Tests.Professionals;

/// <summary>A bot host with two allowed Teams tenants (the municipality and a partner) and one configured programme manager.</summary>
public sealed class TeamsHost : BotHost
{
    public const string Municipality = "6f1c2b5e-0c1d-4d6e-9a51-3b8c7f2e9d10";
    public const string Partner = "0a7e3d21-5b44-4c8f-8e6a-2f9b1c0d4e55";
    public const string Stranger = "99999999-aaaa-4bbb-8ccc-dddddddddddd";
    public const string Manager = "11111111-2222-4333-8444-555555555555";

    public TeamsHost()
    {
        With("Teams:AllowedTenants:0", Municipality);
        With("Teams:AllowedTenants:1", Partner.ToUpperInvariant());
        With("Teams:ProgrammeManagers:0", Manager);
    }

    /// <summary>Someone of an allowed tenant who is no programme manager.</summary>
    public static string Professional() => Guid.NewGuid().ToString();
}
