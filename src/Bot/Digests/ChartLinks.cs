using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using VeerkrachtBot.Bot.Hosting;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot.Digests;

/// <summary>How long chart links in digests and poll results work. Bound from the <c>Charts</c> section.</summary>
public sealed class ChartOptions
{
    public const string Section = "Charts";

    /// <summary>Days a chart link works; a card read later shows its text alternative instead.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 366)]
    public int LifetimeDays { get; set; } = 30;
}

/// <summary>
/// Public links to chart images for Teams, which fetches images by HTTPS URL: <c>/api/charts/{token}.png</c>. The token
/// is a random 128-bit chart id and its expiry, signed with a key kept in the database (all instances share it).
/// Without the signature the path says nothing and gets the same 404 as a chart that does not exist.
/// </summary>
public sealed class ChartLinks(SecretStore secrets, ChartStore store, PublicUrls urls, IOptions<ChartOptions> options, TimeProvider clock)
{
    private const string KeyName = "digests/chart-links";
    private const int IdLength = 16;
    private const int SignatureLength = 16;

    /// <summary>Stores the chart and returns its signed link.</summary>
    public async Task<Uri> PublishAsync(Chart chart, CancellationToken cancellationToken = default)
    {
        var expires = clock.GetUtcNow().AddDays(options.Value.LifetimeDays);
        var id = await store.SaveAsync(chart.Png, expires, cancellationToken).ConfigureAwait(false);
        return urls.For("api/charts/" + await TokenAsync(id, expires, cancellationToken).ConfigureAwait(false) + ".png");
    }

    internal async Task<string> TokenAsync(byte[] id, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        var payload = new byte[IdLength + sizeof(long)];
        id.CopyTo(payload, 0);
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(IdLength), expires.ToUnixTimeSeconds());
        var signature = HMACSHA256.HashData(await KeyAsync(cancellationToken).ConfigureAwait(false), payload).AsSpan(0, SignatureLength).ToArray();
        return WebEncoders.Base64UrlEncode(payload) + "." + WebEncoders.Base64UrlEncode(signature);
    }

    /// <summary>The PNG a token names, or null when the token is forged, malformed or expired, or the chart is gone.</summary>
    public async Task<byte[]?> ResolveAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100 || token.Split('.') is not [var encodedPayload, var encodedSignature])
        {
            return null;
        }

        byte[] payload, signature;
        try
        {
            payload = WebEncoders.Base64UrlDecode(encodedPayload);
            signature = WebEncoders.Base64UrlDecode(encodedSignature);
        }
        catch (FormatException)
        {
            return null;
        }

        if (payload.Length != IdLength + sizeof(long) || signature.Length != SignatureLength)
        {
            return null;
        }

        var expected = HMACSHA256.HashData(await KeyAsync(cancellationToken).ConfigureAwait(false), payload).AsSpan(0, SignatureLength);
        if (!CryptographicOperations.FixedTimeEquals(expected, signature)
            || clock.GetUtcNow().ToUnixTimeSeconds() >= BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(IdLength)))
        {
            return null;
        }

        return await store.FindAsync(payload[..IdLength], cancellationToken).ConfigureAwait(false);
    }

    private Task<byte[]> KeyAsync(CancellationToken cancellationToken) => secrets.GetOrCreateAsync(KeyName, 32, cancellationToken);
}

/// <summary><c>GET /api/charts/{token}.png</c>: the chart, or a bare 404 (forged, expired, unknown alike).</summary>
public static class ChartApi
{
    public static IEndpointRouteBuilder MapChartApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/charts/{file}", async (string file, ChartLinks links, HttpContext context, CancellationToken cancellationToken) =>
        {
            var token = file.EndsWith(".png", StringComparison.Ordinal) ? file[..^4] : null;
            if (await links.ResolveAsync(token, cancellationToken) is not { } png)
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = "private, max-age=86400";
            return Results.File(png, "image/png");
        }).WithName("DigestChart");
        return app;
    }
}
