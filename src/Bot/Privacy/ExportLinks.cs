using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using VeerkrachtBot.Bot.Hosting;
using VeerkrachtBot.Core.Residents;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot.Privacy;

/// <summary>
/// Short-lived download links for "my data": the token names the resident, when that resident was created, and
/// its expiry, signed with a key kept in the database (shared by all instances). Only the resident the bot gave
/// it to knows it. After erasure the same channel user becomes a new resident with the same pseudonym but a new
/// creation time, so a link made before the erasure never shows the new resident's data.
/// </summary>
public sealed class ExportLinks(SecretStore secrets, IResidentStore residents, PublicUrls urls, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    private const string KeyName = "privacy/export-links";

    /// <summary>Creates the signing key now (at start), so that checking a link never has to.</summary>
    public Task PrepareAsync(CancellationToken cancellationToken) => secrets.GetOrCreateAsync(KeyName, 32, cancellationToken);

    /// <summary>The readable page in the resident's language.</summary>
    public const string Html = "html";

    /// <summary>The same data as a JSON file.</summary>
    public const string Json = "json";

    public async Task<Uri> CreateAsync(Resident resident, string format, CancellationToken cancellationToken)
    {
        var payload = string.Join('.', resident.Id, resident.CreatedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            (clock.GetUtcNow() + Lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        var signature = HMACSHA256.HashData(await secrets.GetOrCreateAsync(KeyName, 32, cancellationToken), Encoding.UTF8.GetBytes(payload));
        var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(payload)) + "." + WebEncoders.Base64UrlEncode(signature);
        return urls.For("api/mydata/export?token=" + Uri.EscapeDataString(token) + (format == Html ? "&format=html" : ""));
    }

    /// <summary>The resident the token was made for, or null when it is forged, malformed, expired, or that resident is gone.</summary>
    public async Task<string?> ValidateAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 512 || token.Split('.') is not [var encodedPayload, var encodedSignature])
        {
            return null;
        }

        try
        {
            var payloadBytes = WebEncoders.Base64UrlDecode(encodedPayload);
            var expected = HMACSHA256.HashData(await secrets.GetOrCreateAsync(KeyName, 32, cancellationToken), payloadBytes);
            if (!CryptographicOperations.FixedTimeEquals(expected, WebEncoders.Base64UrlDecode(encodedSignature)))
            {
                return null;
            }

            if (Encoding.UTF8.GetString(payloadBytes).Split('.') is not [var residentId, var created, var expiry]
                || !long.TryParse(created, NumberStyles.None, CultureInfo.InvariantCulture, out var createdAt)
                || !long.TryParse(expiry, NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
                || clock.GetUtcNow().ToUnixTimeSeconds() >= expires)
            {
                return null;
            }

            return await residents.FindAsync(residentId, cancellationToken) is { } resident && resident.CreatedAt.ToUnixTimeMilliseconds() == createdAt ? residentId : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
