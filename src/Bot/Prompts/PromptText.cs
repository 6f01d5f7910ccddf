using System.Globalization;
using System.Text;

namespace VeerkrachtBot.Bot.Prompts;

/// <summary>
/// Renders a <see cref="Prompt"/> as plain text for channels without cards (SMS, Telegram, ...) and as the
/// card's fallback text: choices are numbered, so typing "2" works where no buttons show.
/// </summary>
public static class PromptText
{
    public static string Build(Prompt prompt)
    {
        var text = new StringBuilder(prompt.Lead);
        var number = 0;
        foreach (var section in prompt.Sections)
        {
            text.Append("\n\n");
            var lines = new List<string>();
            if (section.Heading is { } heading)
            {
                lines.Add(heading);
            }

            lines.AddRange(section.Lines);
            if (section.Quote is { } quote)
            {
                lines.Add("“" + quote + "”");
            }

            lines.AddRange(section.Facts.Select(f => $"{f.Label}: {f.Value}"));
            lines.AddRange(section.Choices.Select(c => Item(prompt, ++number, c.Title)));
            text.AppendJoin('\n', lines);
        }

        if (prompt.Picker is { } picker)
        {
            text.Append("\n\n").Append(picker.Label);
            foreach (var (option, index) in picker.Options.Select((o, i) => (o, i + 1)))
            {
                text.Append('\n').Append(Numbered(index, option.Title)).Append(picker.Selected.Contains(option.Value) ? " ✓" : "");
            }

            text.Append('\n').Append(picker.TypeHint);
        }

        if (prompt.Question is { } question)
        {
            text.Append("\n\n").Append(question);
        }

        if (prompt.Choices.Count > 0)
        {
            text.Append(prompt.Question is null ? "\n\n" : "\n").AppendJoin('\n', prompt.Choices.Select(c => Item(prompt, ++number, c.Title)));
        }

        foreach (var link in prompt.Links)
        {
            text.Append("\n\n").Append(link.Title).Append(": ").Append(link.Url);
        }

        return text.ToString();
    }

    /// <summary>Choices are numbered, except where typed numbers mean something else (a picker's options, a party size).</summary>
    private static string Item(Prompt prompt, int number, string title) => prompt.NumbersPickChoices ? Numbered(number, title) : "• " + title;

    private static string Numbered(int number, string title) => number.ToString(CultureInfo.InvariantCulture) + ". " + title;
}
