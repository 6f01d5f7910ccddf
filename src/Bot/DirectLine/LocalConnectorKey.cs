using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using VeerkrachtBot.Bot.Messages;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot.DirectLine;

/// <summary>
/// The key that the bot's own calls to its local connector carry, so that no other caller (another process on
/// this machine, anyone behind the same reverse proxy) can write into a resident's web chat as the bot. It lives
/// in the database, not in the URL: conversation references with the local service URL are stored and used
/// later for proactive messages, possibly by another instance, which then carries the same key.
/// </summary>
public sealed class LocalConnectorKey(SecretStore secrets)
{
    public const string Header = "X-Veerkracht-Connector-Key";
    internal const string SecretName = "directline/connector-key";

    private byte[]? _key;

    public async Task<string> HeaderValueAsync(CancellationToken cancellationToken) => Convert.ToBase64String(await KeyAsync(cancellationToken));

    /// <summary>Whether the presented header is the key, compared in constant time.</summary>
    public async Task<bool> IsValidAsync(string? presented, CancellationToken cancellationToken)
    {
        var bytes = new byte[64];
        if (string.IsNullOrEmpty(presented) || !Convert.TryFromBase64String(presented, bytes, out var length))
        {
            return false;
        }

        var key = await KeyAsync(cancellationToken);
        return CryptographicOperations.FixedTimeEquals(bytes.AsSpan(0, length), key);
    }

    // The key never changes once created, so keeping it in memory is safe across instances.
    private async Task<byte[]> KeyAsync(CancellationToken cancellationToken) => _key ??= await secrets.GetOrCreateAsync(SecretName, 32, cancellationToken);
}

/// <summary>
/// Adds the <see cref="LocalConnectorKey"/> to the bot's outgoing Bot Connector calls whose URL lies under its
/// own local service URL, and to no other: the key never leaves for another address.
/// </summary>
public sealed class LocalConnectorKeyHandler(LocalConnectorKey key, LocalServiceUrl serviceUrl, IOptions<DirectLineOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (options.Value.LocalEnabled && request.RequestUri is { IsAbsoluteUri: true } uri
            && ServiceUrlPrefix.Parse(uri.GetLeftPart(UriPartial.Path)) is { } target && ServiceUrlPrefix.Parse(serviceUrl.Value) is { } local && local.Covers(target))
        {
            request.Headers.Remove(LocalConnectorKey.Header);
            request.Headers.Add(LocalConnectorKey.Header, await key.HeaderValueAsync(cancellationToken));
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
