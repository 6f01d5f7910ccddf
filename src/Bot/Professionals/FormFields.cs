using System.Globalization;
using VeerkrachtBot.Core.Meetings;

namespace VeerkrachtBot.Bot.Professionals;

/// <summary>Reads and checks what a form sent; each problem is kept per field, to show under it on the card.</summary>
public sealed class FormFields(ProfessionalTurn turn)
{
    private readonly Dictionary<string, string> _errors = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Errors => _errors;

    public bool Valid => _errors.Count == 0;

    public string? Error(string field) => _errors.GetValueOrDefault(field);

    public void Fail(string field, string message) => _errors.TryAdd(field, message);

    /// <summary>What was typed, as typed (cut at a generous length so an oversized value cannot grow the card): shown again on a form with errors.</summary>
    public string? Raw(string field) => turn.Value(field, 4000);

    /// <summary>Required text of at most <paramref name="max"/> characters.</summary>
    public string? Text(string field, int max, bool required = true)
    {
        var value = Raw(field);
        if (value is null)
        {
            if (required)
            {
                Fail(field, turn.Texts.Required);
            }

            return null;
        }

        if (value.Length > max)
        {
            Fail(field, turn.Texts.Format(turn.Texts.TooLong, max));
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
            Fail(field, turn.Texts.Required);
            return null;
        }

        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Fail(field, turn.Texts.NotADate);
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
            Fail(field, turn.Texts.Required);
            return null;
        }

        if (!TimeOnly.TryParseExact(value, ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            Fail(field, turn.Texts.NotATime);
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
            Fail(field, turn.Texts.Required);
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
