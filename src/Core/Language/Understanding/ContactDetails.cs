using System.Text.RegularExpressions;

namespace VeerkrachtBot.Core.Language.Understanding;

/// <summary>An e-mail address or phone number inside a typed text ("mijn nummer is 06-12345678").</summary>
public static partial class ContactDetails
{
    /// <summary>Longest contact detail stored (an e-mail address or phone number).</summary>
    public const int MaxLength = 200;

    /// <summary>The first e-mail address or phone number (9 to 15 digits) in the text, as typed; null when there is none.</summary>
    public static string? Find(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var email = EmailPattern().Match(text);
        var phone = PhonePattern().Matches(text).FirstOrDefault(m => m.Value.Count(char.IsAsciiDigit) is >= 9 and <= 15);
        var first = (email.Success, phone) switch
        {
            (true, not null) => email.Index < phone.Index ? email.Value : phone.Value,
            (true, null) => email.Value,
            (false, not null) => phone.Value,
            _ => null,
        };
        return first is null || first.Length > MaxLength ? null : first.Trim().TrimEnd('.', ',');
    }

    [GeneratedRegex(@"[^\s@,;:()<>""']+@[^\s@,;:()<>""']+\.[^\s@,;:()<>""'.]{2,}")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\+?\(?\d[\d\s\-().]{7,}\d")]
    private static partial Regex PhonePattern();
}
