using System.Text;
using System.Text.RegularExpressions;

namespace VeerkrachtBot.Core.Privacy;

/// <summary>The kinds of personal data the redactor removes.</summary>
public enum PersonalDataKind
{
    /// <summary>An e-mail address.</summary>
    Email,

    /// <summary>A Dutch (or international) phone number.</summary>
    Phone,

    /// <summary>A Dutch IBAN with a valid check (mod 97).</summary>
    Iban,

    /// <summary>A citizen service number (BSN) that passes the eleven test.</summary>
    Bsn,

    /// <summary>A postcode with a house number.</summary>
    PostcodeAddress,

    /// <summary>A street name with a house number.</summary>
    StreetAddress,

    /// <summary>A Dutch licence plate.</summary>
    LicencePlate,

    /// <summary>A person's name, introduced as such ("mijn buurman Jan de Vries").</summary>
    Name,
}

/// <summary>One piece of personal data found in a text.</summary>
public sealed record PersonalDataSpan(PersonalDataKind Kind, int Start, int Length);

/// <summary>A text with its personal data replaced by placeholders such as <c>[telefoon]</c>.</summary>
public sealed record RedactedText(string Text, IReadOnlyList<PersonalDataSpan> Found);

/// <summary>
/// Removes personal data from residents' messages before anything reaches a professional. Rules, not a model:
/// every pattern is checked where a check exists (IBAN mod 97, BSN eleven test), and near misses such as
/// dates, amounts and a bare house number stay.
/// </summary>
public static partial class PersonalDataRedactor
{
    private static readonly Dictionary<PersonalDataKind, string> Placeholders = new()
    {
        [PersonalDataKind.Email] = "[e-mail]",
        [PersonalDataKind.Phone] = "[telefoon]",
        [PersonalDataKind.Iban] = "[rekeningnummer]",
        [PersonalDataKind.Bsn] = "[bsn]",
        [PersonalDataKind.PostcodeAddress] = "[adres]",
        [PersonalDataKind.StreetAddress] = "[adres]",
        [PersonalDataKind.LicencePlate] = "[kenteken]",
        [PersonalDataKind.Name] = "[naam]",
    };

    /// <summary>Finds and replaces the personal data in <paramref name="text"/>.</summary>
    public static RedactedText Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<PersonalDataSpan>();
        Collect(found, EmailPattern(), text, PersonalDataKind.Email);
        Collect(found, IbanPattern(), text, PersonalDataKind.Iban, m => IsValidIban(m.Value));
        Collect(found, PostcodePattern(), text, PersonalDataKind.PostcodeAddress);
        Collect(found, StreetPattern(), text, PersonalDataKind.StreetAddress);
        Collect(found, PhonePattern(), text, PersonalDataKind.Phone, m => IsPhone(m.Value));
        Collect(found, BsnPattern(), text, PersonalDataKind.Bsn, m => IsValidBsn(m.Value));
        Collect(found, PlatePattern(), text, PersonalDataKind.LicencePlate, m => IsPlate(m.Value));
        CollectNames(found, text);

        var spans = Merge(found);
        var builder = new StringBuilder(text.Length);
        var position = 0;
        foreach (var span in spans)
        {
            builder.Append(text, position, span.Start - position).Append(Placeholders[span.Kind]);
            position = span.Start + span.Length;
        }

        builder.Append(text, position, text.Length - position);
        return new RedactedText(builder.ToString(), spans);
    }

    /// <summary>The IBAN check: move the first four characters to the end, letters to numbers, mod 97 must be 1.</summary>
    public static bool IsValidIban(string candidate)
    {
        var iban = candidate.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        if (iban.Length is < 15 or > 34)
        {
            return false;
        }

        var remainder = 0;
        foreach (var c in iban[4..] + iban[..4])
        {
            var value = char.IsDigit(c) ? c - '0' : char.IsAsciiLetterUpper(c) ? c - 'A' + 10 : -1;
            if (value < 0)
            {
                return false;
            }

            remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
        }

        return remainder == 1;
    }

    /// <summary>The eleven test of a BSN: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11 (and not zero).</summary>
    public static bool IsValidBsn(string candidate)
    {
        var digits = candidate.Where(char.IsDigit).Select(c => c - '0').ToArray();
        if (digits.Length != 9 || digits.All(d => d == 0))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += (9 - i) * digits[i];
        }

        sum -= digits[8];
        return sum % 11 == 0;
    }

    private static bool IsPhone(string value)
    {
        var digits = value.Count(char.IsDigit);
        var international = value.TrimStart().StartsWith('+') || value.TrimStart().StartsWith("00", StringComparison.Ordinal);
        // Dutch numbers have 10 digits (06 12345678, 043 1234567); +31 6 12345678 has 11.
        return international ? digits is >= 10 and <= 13 : digits == 10 && value.First(char.IsDigit) == '0';
    }

    private static bool IsPlate(string value)
    {
        // A plate mixes letters and digits; pure words or numbers (dates, amounts) are not plates.
        var letters = value.Count(char.IsAsciiLetter);
        var digits = value.Count(char.IsDigit);
        return letters > 0 && digits > 0 && value.Contains('-', StringComparison.Ordinal);
    }

    private static void Collect(List<PersonalDataSpan> found, Regex pattern, string text, PersonalDataKind kind, Func<Match, bool>? check = null)
    {
        foreach (Match match in pattern.Matches(text))
        {
            var group = match.Groups["pii"].Success ? match.Groups["pii"] : (Group)match;
            if (check is null || check(match))
            {
                found.Add(new PersonalDataSpan(kind, group.Index, group.Length));
            }
        }
    }

    private static void CollectNames(List<PersonalDataSpan> found, string text)
    {
        foreach (Match match in NameIntroduction().Matches(text))
        {
            var name = match.Groups["pii"];
            var words = name.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // "mijn buurman Is" or "my neighbour The" are not names: the first word must look like a first name.
            if (words.Length > 0 && !NotNames.Contains(words[0]))
            {
                found.Add(new PersonalDataSpan(PersonalDataKind.Name, name.Index, name.Length));
            }
        }
    }

    private static List<PersonalDataSpan> Merge(List<PersonalDataSpan> found)
    {
        var merged = new List<PersonalDataSpan>();
        foreach (var span in found.OrderBy(s => s.Start).ThenByDescending(s => s.Length))
        {
            if (merged.Count > 0 && span.Start < merged[^1].Start + merged[^1].Length)
            {
                continue; // overlaps an earlier, longer find
            }

            merged.Add(span);
        }

        return merged;
    }

    private static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "De", "Het", "Een", "Die", "Dat", "Is", "Heeft", "Had", "Was", "En", "Zegt", "Woont", "Ook", "Al", "Nog", "Niet", "Kan", "Wil",
        "The", "A", "An", "He", "She", "They", "Is", "Has", "Was", "And", "Says", "Lives", "Also", "Still", "Not", "Can", "Will", "Who", "Which",
    };

    [GeneratedRegex(@"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?!\w)")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}[ ]?(?:[A-Za-z0-9]{4}[ ]?){2,7}[A-Za-z0-9]{1,4}(?![A-Za-z0-9])")]
    private static partial Regex IbanPattern();

    // 06-12345678, 06 1234 5678, 043-1234567, (043) 123 45 67, +31 6 12345678, 0031 43 1234567
    [GeneratedRegex(@"(?<![\w+])(?:(?:\+|00)\d{2}[\s.-]?(?:\(0\))?[\s.-]?\d{1,3}|\(0\d{1,3}\)|0\d{1,3})(?:[\s.-]?\d){6,9}(?!\d)")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"(?<!\d)\d{9}(?!\d)|(?<!\d)\d{4}\.\d{2}\.\d{3}(?!\d)")]
    private static partial Regex BsnPattern();

    // 6222 AB 12, 6222AB 12a, 6222ab: upper-case letters, or lower-case letters written against the digits
    // (so "in 2024 en" or "1000 km" stay).
    [GeneratedRegex(@"(?<!\d)[1-9]\d{3}(?:\s?(?!SA|SD|SS)[A-Z]{2}|(?!sa|sd|ss)[a-z]{2})(?![A-Za-z])(?:,?\s*(?:nr\.?\s*)?\d{1,5}\s?[A-Za-z]?(?!\w))?")]
    private static partial Regex PostcodePattern();

    // Brusselsestraat 12, Akersteenweg 101a, Koning Clovisstraat 3-B; not "fietspad 2 keer" or "snelweg 2 weken".
    [GeneratedRegex(@"(?<!\w)(?:[A-Z][a-zà-ÿ]+\s)?[A-Za-zà-ÿ'-]{2,}(?i:straat|weg|laan|plein|singel|steeg|kade|gracht|dreef|wal|boulevard|hof)\s\d{1,5}(?:\s?-?\s?[A-Za-z](?!\w))?(?!\s*(?i:keer|x|weken|week|dagen|dag|jaar|uur|minuten|min|euro|procent|%|km|meter|m\b))")]
    private static partial Regex StreetPattern();

    // Dutch side codes: XX-99-99, 99-XX-99, 99-XXX-9, X-999-XX, XX-999-X, 9-XXX-99 and similar
    [GeneratedRegex(@"(?<![\w-])(?:[A-Z]{2}-\d{2}-\d{2}|\d{2}-[A-Z]{2}-\d{2}|\d{2}-\d{2}-[A-Z]{2}|[A-Z]{2}-\d{2}-[A-Z]{2}|[A-Z]{2}-[A-Z]{2}-\d{2}|\d{2}-[A-Z]{2}-[A-Z]{2}|\d{2}-[A-Z]{3}-\d|\d-[A-Z]{3}-\d{2}|[A-Z]{2}-\d{3}-[A-Z]|[A-Z]-\d{3}-[A-Z]{2}|[A-Z]{3}-\d{2}-[A-Z]|[A-Z]-\d{2}-[A-Z]{3}|\d-[A-Z]{2}-\d{3}|\d{3}-[A-Z]{2}-\d)(?![\w-])", RegexOptions.IgnoreCase)]
    private static partial Regex PlatePattern();

    // "mijn buurman Jan de Vries", "buurvrouw Fatima", "ik heet Anna", "mijn naam is Piet Jansen", "my neighbour John Smith", "my name is Sara",
    // and a name under a sign-off: "Groet, Britt Bosch", "met vriendelijke groet, Piet", "groetjes Fatima", "Kind regards, John"
    [GeneratedRegex(@"\b(?i:(?:mijn|onze|de|m'n|my|our|the)\s+(?:buurman|buurvrouw|buren|buurjongen|buurmeisje|zoon|dochter|man|vrouw|moeder|vader|oma|opa|neighbou?r|son|daughter|husband|wife|mother|father)|(?:ik\s+heet|mijn\s+naam\s+is|ik\s+ben|my\s+name\s+is|i\s+am|i'm|naam:|name:)|(?:(?:met\s+)?(?:vriendelijke\s+)?groet(?:en|jes)?|mvg|(?:kind\s+|best\s+|warm\s+)?regards|cheers),?)\s+(?<pii>[A-Z][a-zà-ÿ]+(?:[-'][A-Z]?[a-zà-ÿ]+)?(?:\s+(?:van\s+der|van\s+den|van\s+de|van|de|der|den|ter|ten|te|el|al|bin)?\s*[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?)?)")]
    private static partial Regex NameIntroduction();
}
