using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace VeerkrachtBot.Core.Language;

/// <summary>
/// What a resident sends, made safe to store and to show to others: control characters (except newline and
/// tab) and invisible characters go, bidirectional overrides, embeddings and isolates go (they can make text
/// read differently from what it says, e.g. in a professional's digest), and the text is in Unicode NFC.
/// Visible text is never changed. Joiners that form emoji (👨‍👩‍👧) or that Persian and Indic scripts need stay,
/// as do the tags of flag emoji (🏴󠁧󠁢󠁳󠁣󠁴󠁿); elsewhere they are invisible and go too.
/// </summary>
public static class IncomingText
{
    private const char ZeroWidthNonJoiner = '\u200C';
    private const char ZeroWidthJoiner = '\u200D';
    private const int BlackFlag = 0x1F3F4;

    /// <summary>The text as it may be stored; null stays null.</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public static string? Normalize(string? text)
    {
        if (text is null || (IsPlain(text) && text.IsNormalized(NormalizationForm.FormC)))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        var inFlagTags = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsSurrogate(c))
            {
                if (!char.IsSurrogatePair(text, i))
                {
                    continue; // a lone surrogate is not text (and NFC would throw on it)
                }

                var codePoint = char.ConvertToUtf32(c, text[i + 1]);
                i++;
                if (IsTag(codePoint) && !inFlagTags)
                {
                    continue;
                }

                inFlagTags = codePoint == BlackFlag || (inFlagTags && IsTag(codePoint) && codePoint != 0xE007F);
                result.Append(char.ConvertFromUtf32(codePoint));
                continue;
            }

            inFlagTags = false;
            switch (c)
            {
                case '\n' or '\t':
                    result.Append(c);
                    break;
                case '\r':
                    if (i + 1 >= text.Length || text[i + 1] != '\n')
                    {
                        result.Append('\n');
                    }

                    break;
                case '\u2028' or '\u2029':
                    result.Append('\n');
                    break;
                case ZeroWidthJoiner when IsEmoji(Previous(result)) && IsEmoji(Next(text, i + 1)):
                case ZeroWidthNonJoiner when UsesJoiners(Previous(result)) && UsesJoiners(Next(text, i + 1)):
                    result.Append(c);
                    break;
                default:
                    if (!char.IsControl(c) && !IsInvisible(c))
                    {
                        result.Append(c);
                    }

                    break;
            }
        }

        return result.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>No character that <see cref="Normalize"/> would remove or change (the common case: nothing to copy).</summary>
    private static bool IsPlain(string text)
    {
        foreach (var c in text)
        {
            if ((char.IsControl(c) && c is not ('\n' or '\t')) || char.IsSurrogate(c) || IsInvisible(c) || c is ZeroWidthJoiner or ZeroWidthNonJoiner or '\u2028' or '\u2029')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Zero-width and other invisible formatting characters, and the bidirectional embeddings, overrides and isolates.</summary>
    private static bool IsInvisible(char c) => c is
        '\u00AD' or // soft hyphen
        '\u180E' or // Mongolian vowel separator
        '\u200B' or // zero-width space
        ZeroWidthNonJoiner or ZeroWidthJoiner or
        (>= '\u202A' and <= '\u202E') or // LRE, RLE, PDF, LRO, RLO
        (>= '\u2060' and <= '\u2064') or // word joiner, invisible operators
        (>= '\u2066' and <= '\u2069') or // LRI, RLI, FSI, PDI
        (>= '\u206A' and <= '\u206F') or // deprecated format characters
        '\uFEFF'; // zero-width no-break space (BOM)

    private static bool IsTag(int codePoint) => codePoint is 0xE0001 or (>= 0xE0020 and <= 0xE007F);

    private static int Previous(StringBuilder text)
    {
        if (text.Length == 0)
        {
            return -1;
        }

        var last = text[^1];
        return char.IsLowSurrogate(last) && text.Length > 1 ? char.ConvertToUtf32(text[^2], last) : last;
    }

    private static int Next(string text, int index) =>
        index >= text.Length ? -1 : char.IsSurrogatePair(text, index) ? char.ConvertToUtf32(text, index) : text[index];

    /// <summary>Emoji, their variation selector and skin tones: what a zero-width joiner joins into one emoji.</summary>
    private static bool IsEmoji(int codePoint) => codePoint switch
    {
        < 0 => false,
        0xFE0F or (>= 0x1F3FB and <= 0x1F3FF) => true,
        _ => CharUnicodeInfo.GetUnicodeCategory(codePoint) == UnicodeCategory.OtherSymbol,
    };

    /// <summary>Arabic-script (Persian, Urdu, ...) and Indic letters, where a zero-width non-joiner is part of the spelling.</summary>
    private static bool UsesJoiners(int codePoint) => codePoint is
        (>= 0x0600 and <= 0x06FF) or (>= 0x0750 and <= 0x077F) or (>= 0x08A0 and <= 0x08FF) or
        (>= 0x0900 and <= 0x0DFF) or (>= 0xFB50 and <= 0xFDFF) or (>= 0xFE70 and <= 0xFEFC);
}
