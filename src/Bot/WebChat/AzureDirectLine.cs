using System.Net.Http.Headers;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using VeerkrachtBot.Bot.DirectLine;

namespace VeerkrachtBot.Bot.WebChat;

/// <summary>
/// Azure Bot Service's Direct Line for the page. Bound from the <c>DirectLine</c> section beside
/// <see cref="DirectLineOptions"/>: used when the local Direct Line is off and <c>DirectLine:Secret</c> holds the
/// Azure Bot's Direct Line secret.
/// </summary>
public sealed class AzureDirectLineOptions
{
    /// <summary>
    /// Azure's Direct Line base address, as the page gives it to Web Chat (<c>domain</c>). For data residency in the
    /// EU: https://europe.directline.botframework.com/v3/directline (with the bot's regional setting).
    /// </summary>
    public Uri AzureDomain { get; set; } = new("https://directline.botframework.com/v3/directline");

    /// <summary>How long the token endpoint waits for Azure before it asks the page to try again.</summary>
    public int AzureTimeoutSeconds { get; set; } = 10;

    /// <summary>An https address (http only on loopback, for a stand-in), without query, user info or fragment.</summary>
    public bool IsValidDomain() =>
        AzureDomain.IsAbsoluteUri
        && (AzureDomain.Scheme == Uri.UriSchemeHttps || (AzureDomain.Scheme == Uri.UriSchemeHttp && AzureDomain.IsLoopback))
        && string.IsNullOrEmpty(AzureDomain.Query) && string.IsNullOrEmpty(AzureDomain.UserInfo) && string.IsNullOrEmpty(AzureDomain.Fragment);
}

/// <summary>
/// Exchanges the Direct Line secret for a token bound to one user (<c>POST {domain}/tokens/generate</c> with
/// <c>{"user":{"id":"dl_..."}}</c>): the page gets only that token, which can neither open other conversations
/// nor speak as another user. The secret stays in this class: never in a response, a log line or an exception message.
/// </summary>
public sealed class AzureDirectLine(IHttpClientFactory clients, IOptions<DirectLineOptions> directLine, IOptions<AzureDirectLineOptions> azure, ILogger<AzureDirectLine> logger)
{
    public const string ClientName = "azure-directline";

    /// <summary>Whether the page talks to Azure's Direct Line: the local one is off and a secret is configured.</summary>
    public static bool IsConfigured(DirectLineOptions options) => !options.LocalEnabled && !string.IsNullOrWhiteSpace(options.Secret);

    /// <summary>The domain the page hands to Web Chat.</summary>
    public string Domain => azure.Value.AzureDomain.AbsoluteUri.TrimEnd('/');

    /// <summary>Origins the page must be allowed to connect to (CSP connect-src): Azure's https and wss forms.</summary>
    public static string ConnectSources(DirectLineOptions directLine, AzureDirectLineOptions azure)
    {
        if (!IsConfigured(directLine))
        {
            return "";
        }

        var origin = azure.AzureDomain.GetLeftPart(UriPartial.Authority);
        return " " + origin + " " + new UriBuilder(azure.AzureDomain) { Scheme = azure.AzureDomain.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" }.Uri.GetLeftPart(UriPartial.Authority);
    }

    /// <summary>A conversation token for <paramref name="userId"/>, or null when Azure did not give one (logged, without the secret).</summary>
    public async Task<GeneratedToken?> GenerateAsync(string userId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Domain + "/tokens/generate")
        {
            Content = JsonContent.Create(new { user = new { id = userId } }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", directLine.Value.Secret);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(azure.Value.AzureTimeoutSeconds));
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("Azure Direct Line refused a token: {Status}", (int)response.StatusCode);
                return null;
            }

            var token = await response.Content.ReadFromJsonAsync<GeneratedToken>(timeout.Token);
            if (token is not { Token.Length: > 0, ConversationId.Length: > 0, ExpiresIn: > 0 })
            {
                logger.LogWarning("Azure Direct Line answered without a token, conversation id or lifetime");
                return null;
            }

            return token;
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException or NotSupportedException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The exception's type only: its message could quote the request.
            logger.LogWarning("Azure Direct Line did not answer a token request: {Error}", ex.GetType().Name);
            return null;
        }
    }

    /// <summary>The documented answer of <c>tokens/generate</c>.</summary>
    public sealed record GeneratedToken(
        [property: JsonPropertyName("conversationId")] string ConversationId,
        [property: JsonPropertyName("token")] string Token,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
