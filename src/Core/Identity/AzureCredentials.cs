using System.Collections.Concurrent;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Options;

namespace VeerkrachtBot.Core.Identity;

/// <summary>An Entra ID credential the bot can use for Azure SQL and Azure AI Language instead of secrets.</summary>
public enum AzureCredentialKind
{
    /// <summary>The managed identity of the App Service (system-assigned, or the user-assigned one named in <see cref="AzureOptions.ManagedIdentityClientId"/>).</summary>
    ManagedIdentity,

    /// <summary>Azure.Identity's chain (environment, workload identity, managed identity, Azure CLI, ...): also works on a developer's machine.</summary>
    DefaultAzureCredential,
}

/// <summary>Settings shared by the Azure services. Bound from the <c>Azure</c> section.</summary>
public sealed class AzureOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Azure";

    /// <summary>Client id of a user-assigned managed identity; empty for the system-assigned one.</summary>
    public string? ManagedIdentityClientId { get; set; }
}

/// <summary>
/// One credential per kind for the whole process: Azure.Identity caches tokens per credential instance and renews
/// them shortly before they expire, so a credential must not be created per connection or per request.
/// </summary>
public sealed class AzureCredentials
{
    private readonly ConcurrentDictionary<AzureCredentialKind, TokenCredential> _credentials = new();
    private readonly Func<AzureCredentialKind, TokenCredential> _create;

    /// <summary>Creates each credential from the <c>Azure</c> settings the first time it is asked for.</summary>
    public AzureCredentials(IOptions<AzureOptions> options) => _create = kind => Create(kind, options.Value);

    /// <summary>For tests: credentials made by <paramref name="create"/>.</summary>
    internal AzureCredentials(Func<AzureCredentialKind, TokenCredential> create) => _create = create;

    /// <summary>The shared credential of this kind.</summary>
    public TokenCredential Get(AzureCredentialKind kind) => _credentials.GetOrAdd(kind, _create);

    private static TokenCredential Create(AzureCredentialKind kind, AzureOptions options)
    {
        var clientId = string.IsNullOrWhiteSpace(options.ManagedIdentityClientId) ? null : options.ManagedIdentityClientId.Trim();
        return kind switch
        {
            AzureCredentialKind.ManagedIdentity => new ManagedIdentityCredential(clientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId)),
            _ => new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId }),
        };
    }
}
