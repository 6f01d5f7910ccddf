using System.Text.Json;
using Dapper;
using VeerkrachtBot.Core.Audit;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Ideas;

/// <summary>A professional's correction of an idea's themes as a labelled example for training: redacted text, never a pseudonym.</summary>
public sealed record CorrectionExample(string IdeaId, string Language, string RedactedText, IReadOnlyList<string> ThemeIds, SentimentLabel Sentiment, DateTimeOffset CorrectedAt);

/// <summary>
/// Professionals correct the themes the model gave an idea. The idea's themes are replaced (marked confirmed), the
/// correction is kept as a labelled example for the <c>train</c> command, and the audit entry is written, all in one
/// transaction. Examples are exported with the idea's redacted text as it is then: an idea whose author erased their
/// data has no text and is left out.
/// </summary>
public sealed class ThemeCorrections(IDatabase database, ThemeCatalog themes, TimeProvider clock)
{
    internal const string Insert = """
        INSERT INTO theme_corrections (id, idea_id, themes, corrected_by, corrected_at) VALUES (@Id, @IdeaId, @Themes, @CorrectedBy, @CorrectedAt)
        """;

    // The latest correction per idea, with the idea's text as it is now.
    internal const string SelectExamples = """
        SELECT c.idea_id AS IdeaId, i.language AS Language, i.redacted_text AS RedactedText, c.themes AS Themes, i.sentiment_label AS Sentiment, c.corrected_at AS CorrectedAt
        FROM theme_corrections c JOIN ideas i ON i.id = c.idea_id
        WHERE i.redacted_text <> ''
          AND NOT EXISTS (SELECT 1 FROM theme_corrections later WHERE later.idea_id = c.idea_id
                          AND (later.corrected_at > c.corrected_at OR (later.corrected_at = c.corrected_at AND later.id > c.id)))
        ORDER BY c.corrected_at, c.idea_id
        """;

    /// <summary>Replaces the idea's themes with <paramref name="themeIds"/> and keeps the correction as an example; audited.</summary>
    public async Task CorrectAsync(string ideaId, IReadOnlyCollection<string> themeIds, string professional, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(professional);
        var chosen = themeIds.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (chosen.Count == 0)
        {
            throw new RuleViolation(RuleCode.InvalidInput, "Choose at least one theme.");
        }

        if (chosen.FirstOrDefault(t => themes.Find(t) is null) is { } unknown)
        {
            throw new RuleViolation(RuleCode.InvalidInput, $"'{unknown}' is not one of the themes.");
        }

        var now = clock.GetUtcNow();
        await database.WriteAsync(async (connection, transaction) =>
        {
            var locked = (await connection.QueryAsync<(string Status, string? NeighbourhoodId, long ReceivedAt)>(
                database.Pick(SqlIdeaStore.SelectForUpdate, SqlIdeaStore.SqlServerSelectForUpdate), new { ideaId }, transaction).ConfigureAwait(false)).ToList();
            if (locked.Count == 0)
            {
                throw new RuleViolation(RuleCode.NotFound, $"There is no idea '{ideaId}'.");
            }

            var (_, neighbourhood, receivedAt) = locked[0];
            await connection.ExecuteAsync(SqlIdeaStore.DeleteThemes, new { ideaId }, transaction).ConfigureAwait(false);
            await connection.ExecuteAsync(SqlIdeaStore.InsertTheme, chosen.Select(t => new { IdeaId = ideaId, ThemeId = t, Score = 1.0, Confirmed = true, NeighbourhoodId = neighbourhood, ReceivedAt = receivedAt }),
                transaction).ConfigureAwait(false);
            await connection.ExecuteAsync(SqlIdeaStore.Touch, new { ideaId, now = now.Ms() }, transaction).ConfigureAwait(false);
            await connection.ExecuteAsync(Insert, new { Id = Ids.New(), IdeaId = ideaId, Themes = JsonSerializer.Serialize(chosen), CorrectedBy = professional, CorrectedAt = now.Ms() },
                transaction).ConfigureAwait(false);
            await SqlAuditLog.AppendAsync(connection, transaction, AuditEntry.Create(now, professional, "idea.themes", "idea", ideaId, string.Join(',', chosen))).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The latest correction of every idea that still has its text, oldest first.</summary>
    public async Task<IReadOnlyList<CorrectionExample>> ExamplesAsync(CancellationToken cancellationToken = default)
    {
        var rows = await database.ReadAsync(c => c.QueryAsync<(string IdeaId, string Language, string RedactedText, string Themes, string Sentiment, long CorrectedAt)>(SelectExamples),
            cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new CorrectionExample(r.IdeaId, r.Language, r.RedactedText, JsonSerializer.Deserialize<List<string>>(r.Themes) ?? [],
            Enum.Parse<SentimentLabel>(r.Sentiment), UnixTime.At(r.CorrectedAt))).ToList();
    }
}
