using System.Globalization;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Core.Meetings;

namespace VeerkrachtBot.Bot.Professionals;

/// <summary>Reads and checks what a form sent; each problem is kept per field, to show under it on the card.</summary>
public sealed class FormFields
{
    private readonly Dictionary<string, string> _errors = new(StringComparer.Ordinal);
    private readonly ProfessionalTexts _texts;
    private readonly JObject _values;

    public FormFields(ProfessionalTurn turn)
        : this(turn.Texts, turn.Values)
    {
    }

    private FormFields(ProfessionalTexts texts, JObject values)
    {
        _texts = texts;
        _values = values;
    }

    /// <summary>Fields over given values, outside a turn (the card preview shows a form with errors).</summary>
    public static FormFields Detached(ProfessionalTexts texts, JObject values) => new(texts, values);

    public IReadOnlyDictionary<string, string> Errors => _errors;

    public bool Valid => _errors.Count == 0;

    public string? Error(string field) => _errors.GetValueOrDefault(field);

    public void Fail(string field, string message) => _errors.TryAdd(field, message);

    /// <summary>What was typed, as typed (cut at a generous length so an oversized value cannot grow the card): shown again on a form with errors.</summary>
    public string? Raw(string field)
    {
        if (_values[field] is not JValue { Value: not null } value)
        {
            return null;
        }

        var text = value.ToString().Trim();
        return text.Length == 0 ? null : text.Length > 4000 ? text[..4000] : text;
    }

    /// <summary>Required text of at most <paramref name="max"/> characters.</summary>
    public string? Text(string field, int max, bool required = true)
    {
        var value = Raw(field);
        if (value is null)
        {
            if (required)
            {
                Fail(field, _texts.Required);
            }

            return null;
        }

        if (value.Length > max)
        {
            Fail(field, _texts.Format(_texts.TooLong, max));
            return null;
        }

        return value;
    }

    /// <summary>A date as Input.Date sends it (yyyy-MM-dd).</summary>
    public DateOnly? Date(string field)
    {
        var value = Raw(field);
        if (value is null)
        {
            Fail(field, _texts.Required);
            return null;
        }

        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Fail(field, _texts.NotADate);
            return null;
        }

        return date;
    }

    /// <summary>A time as Input.Time sends it (HH:mm, seconds allowed).</summary>
    public TimeOnly? Time(string field)
    {
        var value = Raw(field);
        if (value is null)
        {
            Fail(field, _texts.Required);
            return null;
        }

        if (!TimeOnly.TryParseExact(value, ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            Fail(field, _texts.NotATime);
            return null;
        }

        return time;
    }

    /// <summary>A whole number of at least <paramref name="min"/>.</summary>
    public int? Number(string field, int min, int max, string belowMin)
    {
        var value = Raw(field);
        if (value is null)
        {
            Fail(field, _texts.Required);
            return null;
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number != Math.Floor(number) || number > max)
        {
            Fail(field, belowMin);
            return null;
        }

        if (number < min)
        {
            Fail(field, belowMin);
            return null;
        }

        return (int)number;
    }

    /// <summary>The instant of a wall-clock date and time in Amsterdam (what professionals type).</summary>
    public static DateTimeOffset Amsterdam(DateOnly date, TimeOnly time) => AmsterdamTime.FromLocal(date.ToDateTime(time));
}
