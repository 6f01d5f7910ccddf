using System.Text;

namespace VeerkrachtBot.Bot.Messages;

/// <summary>Reads a request body as UTF-8 text with a size limit, so a huge post cannot exhaust memory.</summary>
public static class RequestBody
{
    /// <summary>The text, or null when the body is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<string?> ReadLimitedAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
