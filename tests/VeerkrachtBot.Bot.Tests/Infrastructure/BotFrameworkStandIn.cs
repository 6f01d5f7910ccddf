using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace VeerkrachtBot.Bot.Tests.Infrastructure;

/// <summary>
/// The Bot Framework's sign-in side on loopback HTTPS, in the documented shapes: the OpenID metadata a bot reads to
/// check a channel's token (issuer https://api.botframework.com, a jwks_uri whose keys carry the channels that
/// endorse them) and a token endpoint where the bot gets the token for its replies (client credentials). The
/// Bot Framework SDK fetches metadata only over HTTPS with the system's trust, so the certificate is written as a
/// PEM file for the bot process's SSL_CERT_FILE.
/// </summary>
public sealed class BotFrameworkStandIn : IAsyncDisposable
{
    public const string ChannelIssuer = "https://api.botframework.com";
    public const string KeyId = "veerkracht-test-key";

    private readonly RSA _signingKey = RSA.Create(2048);
    private readonly ConcurrentQueue<string> _requests = new();
    private WebApplication? _app;

    private BotFrameworkStandIn(string folder) => CertificatePemPath = Path.Combine(folder, "standin-ca.pem");

    /// <summary>The certificate the stand-in serves, for SSL_CERT_FILE of the bot process.</summary>
    public string CertificatePemPath { get; }

    public Uri BaseAddress { get; private set; } = null!;

    public string OpenIdMetadataUrl => new Uri(BaseAddress, "v1/.well-known/openidconfiguration").ToString();

    /// <summary>The access token the stand-in hands the bot for its replies: a reply carrying it went through the token endpoint.</summary>
    public string IssuedReplyToken { get; } = "reply-token-" + Guid.NewGuid().ToString("N");

    /// <summary>Method and path of every request the stand-in answered, in order.</summary>
    public IReadOnlyList<string> Requests => _requests.ToList();

    public static async Task<BotFrameworkStandIn> StartAsync(string folder)
    {
        var standIn = new BotFrameworkStandIn(folder);
        await standIn.StartServerAsync();
        return standIn;
    }

    /// <summary>A channel's token as the Bot Framework sends it to the bot: signed with the trusted key unless <paramref name="signWith"/> says otherwise.</summary>
    public string ChannelToken(string audience, string serviceUrl, TimeSpan? lifetime = null, RSA? signWith = null, string issuer = ChannelIssuer)
    {
        var now = DateTime.UtcNow;
        var expires = now + (lifetime ?? TimeSpan.FromHours(1));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now.AddMinutes(-70),
            NotBefore = expires < now ? expires.AddMinutes(-5) : now.AddMinutes(-1),
            Expires = expires,
            Subject = new ClaimsIdentity([new Claim("serviceurl", serviceUrl)]),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signWith ?? _signingKey) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _signingKey.Dispose();
    }

    private async Task StartServerAsync()
    {
        using var certificateKey = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", certificateKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
        await File.WriteAllTextAsync(CertificatePemPath, certificate.ExportCertificatePem() + "\n");

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            _requests.Enqueue($"{context.Request.Method} {context.Request.Path}");
            await next(context);
        });
        app.MapGet("/v1/.well-known/openidconfiguration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = ChannelIssuer,
            ["authorization_endpoint"] = new Uri(BaseAddress, "v1/authorize").ToString(),
            ["jwks_uri"] = new Uri(BaseAddress, "v1/.well-known/keys").ToString(),
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
        }));
        app.MapGet("/v1/.well-known/keys", () =>
        {
            var parameters = _signingKey.ExportParameters(includePrivateParameters: false);
            return Results.Json(new
            {
                keys = new[]
                {
                    new
                    {
                        kty = "RSA",
                        use = "sig",
                        kid = KeyId,
                        n = Base64UrlEncoder.Encode(parameters.Modulus),
                        e = Base64UrlEncoder.Encode(parameters.Exponent),
                        endorsements = new[] { "webchat", "directline", "msteams", "emulator" },
                    },
                },
            });
        });

        // Client credentials (MSAL's confidential client): the bot's own token for calls to the channel's service URL.
        app.MapPost("/{tenant}/oauth2/v2.0/token", () => Results.Json(new
        {
            token_type = "Bearer",
            expires_in = 3600,
            ext_expires_in = 3600,
            access_token = IssuedReplyToken,
        }));
        app.MapFallback((HttpContext context) => Results.NotFound());
        await app.StartAsync();
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
    }
}
