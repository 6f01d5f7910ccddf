using System.Globalization;
using System.Text;
using Lucene.Net.Tartarus.Snowball;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace VeerkrachtBot.Core.Language;

/// <summary>Words and emoji of a message, lower-cased, for the analysers.</summary>
internal static class TextTokens
{
    /// <summary>The longest text the analysers read; longer input is cut (a message is at most 2,000 characters).</summary>
    public const int MaxLength = 5000;

    /// <summary>Lower-case word tokens (letters, digits, apostrophes inside words) and emoji as their own tokens.</summary>
    public static List<string> Words(string text)
    {
        var tokens = new List<string>();
        var word = new StringBuilder();
        var span = text.AsSpan(0, Math.Min(text.Length, MaxLength));
        var enumerator = StringInfo.GetTextElementEnumerator(span.ToString());
        while (enumerator.MoveNext())
        {
            var element = enumerator.GetTextElement();
            var c = element[0];
            if (char.IsLetterOrDigit(c) || (c == '\'' && word.Length > 0))
            {
                word.Append(element.ToLowerInvariant());
                continue;
            }

            Flush();
            if (IsEmoji(element))
            {
                tokens.Add(element);
            }
        }

        Flush();
        return tokens;

        void Flush()
        {
            if (word.Length > 0)
            {
                tokens.Add(word.ToString().Trim('\''));
                word.Clear();
            }
        }
    }

    /// <summary>Whether a text element is an emoji (or another pictograph).</summary>
    public static bool IsEmoji(string element)
    {
        var rune = Rune.GetRuneAt(element, 0);
        return rune.Value is >= 0x1F300 and <= 0x1FAFF or >= 0x2600 and <= 0x27BF;
    }

    /// <summary>The word without accents ("ideeën" → "ideeen").</summary>
    public static string Fold(string word)
    {
        // ASCII has nothing to decompose or drop: most words need no copy.
        if (System.Text.Ascii.IsValid(word))
        {
            return word;
        }

        var builder = new StringBuilder(word.Length);
        foreach (var c in word.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Snowball stem of a word in the language (<c>en</c>, otherwise Dutch).</summary>
    public static string Stem(string word, string language)
    {
        // Snowball stemmers keep state; one per thread keeps this allocation-free and thread-safe.
        var stemmer = language == "en" ? English.Value! : Dutch.Value!;
        stemmer.SetCurrent(word);
        stemmer.Stem();
        return stemmer.Current;
    }

    private static readonly ThreadLocal<SnowballProgram> Dutch = new(() => new DutchStemmer());
    private static readonly ThreadLocal<SnowballProgram> English = new(() => new EnglishStemmer());
}
