using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot.DirectLine;

/// <summary>What a valid conversation token allows: one conversation, as one user (when bound).</summary>
public sealed record DirectLineGrant(string ConversationId, string? UserId);

/// <summary>
/// Issues and checks the signed tokens of the local Direct Line (HS256 JWTs). The signing key lives in the
/// database, so every bot instance sharing it accepts the same tokens.
/// </summary>
public sealed class DirectLineTokens(SecretStore secrets, TimeProvider clock, IOptions<DirectLineOptions> options)
{
    private const string Issuer = "veerkrachtbot-local-directline";
    private const string ConversationAudience = "directline-conversation";
    private const string UserAudience = "webchat-user";
    private static readonly TimeSpan UserTokenLifetime = TimeSpan.FromDays(365);

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private SymmetricSecurityKey? _key;

    public TimeSpan ConversationTokenLifetime => TimeSpan.FromMinutes(options.Value.TokenLifetimeMinutes);

    public async Task<string> IssueConversationTokenAsync(DirectLineGrant grant, CancellationToken cancellationToken)
    {
        var claims = new Dictionary<string, object> { ["conv"] = grant.ConversationId };
        if (grant.UserId is not null)
        {
            claims["user"] = grant.UserId;
        }

        return await IssueAsync(ConversationAudience, ConversationTokenLifetime, claims, cancellationToken);
    }

    public async Task<DirectLineGrant?> ValidateConversationTokenAsync(string token, CancellationToken cancellationToken)
    {
        var identity = await ValidateAsync(token, ConversationAudience, cancellationToken);
        var conversationId = identity?.FindFirst("conv")?.Value;
        return conversationId is null ? null : new DirectLineGrant(conversationId, identity!.FindFirst("user")?.Value);
    }

    /// <summary>A long-lived token that lets the web page come back as the same resident.</summary>
    public Task<string> IssueUserTokenAsync(string userId, CancellationToken cancellationToken) =>
        IssueAsync(UserAudience, UserTokenLifetime, new Dictionary<string, object> { ["user"] = userId }, cancellationToken);

    public async Task<string?> ValidateUserTokenAsync(string token, CancellationToken cancellationToken) =>
        (await ValidateAsync(token, UserAudience, cancellationToken))?.FindFirst("user")?.Value;

    /// <summary>Creates the signing key now (at start), so that checking a token never has to.</summary>
    public Task PrepareAsync(CancellationToken cancellationToken) => KeyAsync(cancellationToken);

    /// <summary>Constant-time comparison with the configured secret; false when none is configured.</summary>
    public bool IsSecret(string presented)
    {
        var secret = options.Value.Secret;
        return !string.IsNullOrEmpty(secret) &&
               CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(presented), System.Text.Encoding.UTF8.GetBytes(secret));
    }

    private async Task<string> IssueAsync(string audience, TimeSpan lifetime, Dictionary<string, object> claims, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(await KeyAsync(cancellationToken), SecurityAlgorithms.HmacSha256),
        });
    }

    private async Task<ClaimsIdentity?> ValidateAsync(string token, string audience, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 4096)
        {
            return null;
        }

        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = audience,
            IssuerSigningKey = await KeyAsync(cancellationToken),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireExpirationTime = true,
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                return expires is { } end && now < end.AddSeconds(30) && (notBefore is null || notBefore.Value.AddSeconds(-30) <= now);
            },
        });
        return result.IsValid ? result.ClaimsIdentity : null;
    }

    private async Task<SymmetricSecurityKey> KeyAsync(CancellationToken cancellationToken) =>
        // The key never changes once created, so caching it in memory is safe across instances.
        _key ??= new SymmetricSecurityKey(await secrets.GetOrCreateAsync("directline-token-key", 32, cancellationToken));
}
