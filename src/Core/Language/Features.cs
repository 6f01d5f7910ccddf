namespace VeerkrachtBot.Core.Language;

/// <summary>
/// Turns a message into the sparse feature vector the local model reads: hashed stemmed word uni- and bigrams,
/// hashed character 4-grams (each part L2-normalised), lexicon sentiment signals and theme keyword counts.
/// Hashing keeps it fast and allocation-light, and identical at training and at prediction time.
/// </summary>
internal static class Features
{
    private const int HashBits = 18;
    private const int TextDimension = 1 << HashBits;
    private const int SignalOffset = TextDimension;
    private const int KeywordOffset = SignalOffset + SentimentSignals.Count;

    /// <summary>Length of the feature vector.</summary>
    public const int Dimension = KeywordOffset + ThemeKeywords.Count;

    private const uint WordSeed = 2166136261;
    private const uint BigramSeed = 0x9E3779B9;
    private const uint CharSeed = 0x85EBCA6B;

    /// <summary>The non-zero features of a message (in no particular order; <see cref="Sorted"/> orders them).</summary>
    public static (int[] Indices, float[] Values) Extract(string text, string language)
    {
        var stemLanguage = language == LanguageDetector.English ? "en" : "nl";
        var words = TextTokens.Words(text);
        var stems = new string[words.Count];
        for (var i = 0; i < words.Count; i++)
        {
            stems[i] = TextTokens.IsEmoji(words[i]) ? "emoji" : TextTokens.Stem(TextTokens.Fold(words[i]), stemLanguage);
        }

        var wordPart = new Dictionary<int, float>();
        for (var i = 0; i < stems.Length; i++)
        {
            Add(wordPart, Hash(WordSeed, stems[i]));
            if (i > 0)
            {
                Add(wordPart, Hash(Hash(Hash(BigramSeed, stems[i - 1]), " "), stems[i]));
            }
        }

        var charPart = new Dictionary<int, float>();
        var folded = " " + string.Join(' ', words.Select(TextTokens.Fold)) + " ";
        for (var i = 0; i + 4 <= folded.Length; i++)
        {
            Add(charPart, Hash(CharSeed, folded.AsSpan(i, 4)));
        }

        var features = new Dictionary<int, float>(wordPart.Count + charPart.Count + 16);
        Merge(features, wordPart);
        Merge(features, charPart);
        var signals = SentimentSignals.Compute(text, words, language);
        for (var i = 0; i < signals.Length; i++)
        {
            // Weights become 0..1 (x / (1 + x)); counts are capped; the capitals share is already 0..1.
            var value = i < 2 ? signals[i] / (1 + signals[i]) : i < 7 ? Math.Min(signals[i], 5) / 5 : signals[i];
            if (value != 0)
            {
                features[SignalOffset + i] = value;
            }
        }

        var keywords = ThemeKeywords.Counts(words);
        for (var i = 0; i < keywords.Length; i++)
        {
            if (keywords[i] != 0)
            {
                features[KeywordOffset + i] = Math.Min(keywords[i], 3) / 3;
            }
        }

        return (features.Keys.ToArray(), features.Values.ToArray());
    }

    private static void Add(Dictionary<int, float> part, uint hash)
    {
        var index = (int)(hash & (TextDimension - 1));
        part[index] = part.GetValueOrDefault(index) + 1;
    }

    /// <summary>The same features with ascending indices, as ML.NET's sparse vectors need them.</summary>
    public static (int[] Indices, float[] Values) Sorted((int[] Indices, float[] Values) features)
    {
        var indices = (int[])features.Indices.Clone();
        var values = (float[])features.Values.Clone();
        Array.Sort(indices, values);
        return (indices, values);
    }

    private static void Merge(Dictionary<int, float> features, Dictionary<int, float> part)
    {
        var norm = MathF.Sqrt(part.Values.Sum(v => v * v));
        foreach (var (index, value) in part)
        {
            features[index] = features.GetValueOrDefault(index) + value / norm;
        }
    }

    /// <summary>FNV-1a over UTF-16 code units: stable across processes, unlike string.GetHashCode.</summary>
    private static uint Hash(uint seed, ReadOnlySpan<char> text)
    {
        var hash = seed;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619;
            hash = (hash ^ (uint)(c >> 8)) * 16777619;
        }

        return hash;
    }

    private static uint Hash(uint seed, string text) => Hash(seed, text.AsSpan());
}
