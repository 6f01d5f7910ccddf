using System.Security.Cryptography;
using System.Text;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Residents;

/// <summary>
/// Turns a channel's user id into the resident's pseudonym: HMAC-SHA256 over channel and user id with a key
/// that lives in the database (shared by all instances), so the stored data never holds the channel's id.
/// </summary>
public sealed class ResidentPseudonyms(SecretStore secrets)
{
    private byte[]? _key;

    /// <summary>The pseudonym for this user on this channel; the same input always gives the same pseudonym.</summary>
    public async Task<string> ForAsync(string channelId, string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channelId);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        _key ??= await secrets.GetOrCreateAsync("resident-pseudonym-key", 32, cancellationToken).ConfigureAwait(false);
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{channelId.ToLowerInvariant()}\n{userId}"));
        return "r_" + Convert.ToHexStringLower(mac);
    }
}
