namespace VeerkrachtBot.Core.Digests;

/// <summary>Residents' (redacted) words as a digest quotes them: one line, cut at a word before the limit.</summary>
internal static class Quotes
{
    public static string Shorten(string text, int max)
    {
        text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length <= max)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', max - 1);
        return text[..(cut > max / 2 ? cut : max - 1)].TrimEnd(',', '.', ';', ':') + "…";
    }
}
