using System.Globalization;
using System.Text;

namespace VeerkrachtBot.Core.Language.Understanding;

/// <summary>
/// A typed text as the understanding reads it: lower-case words without accents or punctuation ("Ideeën!" is
/// "ideeen", "z'n" stays one word), emoji apart, and whether the text has letters or digits at all.
/// </summary>
public sealed class TypedWords
{
    private TypedWords(string text, List<string> words, List<string> emoji)
    {
        Text = text;
        Words = words;
        Emoji = emoji;
    }

    /// <summary>The text as typed (already normalised by <see cref="IncomingText"/>).</summary>
    public string Text { get; }

    /// <summary>The words, folded: lower case, no accents, apostrophes kept inside a word.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>The emoji, in order.</summary>
    public IReadOnlyList<string> Emoji { get; }

    /// <summary>The words joined by single spaces: what phrases are matched against.</summary>
    public string Joined => string.Join(' ', Words);

    /// <summary>Splits a typed text.</summary>
    public static TypedWords Of(string? text)
    {
        text ??= "";
        var words = new List<string>();
        var emoji = new List<string>();
        foreach (var token in TextTokens.Words(text.Replace('’', '\'')))
        {
            if (TextTokens.IsEmoji(token))
            {
                emoji.Add(token);
            }
            else
            {
                words.Add(Fold(token));
            }
        }

        return new TypedWords(text, words, emoji);
    }

    /// <summary>Lower case without accents or punctuation around it: what a word is compared as.</summary>
    public static string Fold(string word)
    {
        var builder = new StringBuilder(word.Length);
        foreach (var c in word.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(c == '’' ? '\'' : c));
            }
        }

        return builder.ToString().Trim('\'');
    }

    /// <summary>The folded words of a phrase ("Geld en rondkomen" → geld, en, rondkomen).</summary>
    public static IReadOnlyList<string> FoldedWords(string phrase) => Of(phrase).Words;

    /// <summary>Each phrase as its folded words, for <see cref="IndexOf"/>: the phrase lists of the typed-answer readers.</summary>
    public static string[][] Phrases(params string[] phrases) => phrases.Select(p => FoldedWords(p).ToArray()).ToArray();

    /// <summary>Whether <paramref name="phrase"/> (folded words) occurs in <paramref name="words"/> from <paramref name="start"/>.</summary>
    internal static bool At(IReadOnlyList<string> words, int start, IReadOnlyList<string> phrase)
    {
        if (start + phrase.Count > words.Count)
        {
            return false;
        }

        for (var i = 0; i < phrase.Count; i++)
        {
            if (words[start + i] != phrase[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The first position where the phrase occurs, or -1.</summary>
    internal static int IndexOf(IReadOnlyList<string> words, IReadOnlyList<string> phrase)
    {
        for (var i = 0; i + phrase.Count <= words.Count; i++)
        {
            if (At(words, i, phrase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Levenshtein distance, stopping early above <paramref name="max"/> (typos in names).</summary>
    internal static int Distance(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var best = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                best = Math.Min(best, current[j]);
            }

            if (best > max)
            {
                return max + 1;
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>Parses a folded word as a whole number (digits only).</summary>
    internal static int? Number(string word) =>
        word.Length is > 0 and <= 4 && int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
