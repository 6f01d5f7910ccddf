using Dapper;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Professionals;

/// <summary>What a form's submit finds: the first submit claims it; later ones find it in progress or done.</summary>
public enum FormClaim
{
    /// <summary>This submit claimed the form: do what it asks, then <see cref="FormSubmissions.CompleteAsync"/>.</summary>
    Claimed,

    /// <summary>Another submit of the same form is being handled (or failed between its action and completing).</summary>
    InProgress,

    /// <summary>The form was handled; the result id is known.</summary>
    Done,
}

/// <summary>
/// Makes a form card's submit idempotent per form instance (each form card carries a new id): a double click, a
/// retried delivery or a second instance never creates two polls or meetings. The claim is a row with the form's
/// id as key, so only one submit across instances can insert it.
/// </summary>
public sealed class FormSubmissions(IDatabase database, TimeProvider clock)
{
    internal const string SqliteClaim = """
        INSERT INTO professional_forms (form_id, kind, result_id, submitted_by, submitted_at) VALUES (@FormId, @Kind, NULL, @By, @At)
        ON CONFLICT (form_id) DO NOTHING
        """;

    internal const string SqlServerClaim = """
        INSERT INTO professional_forms (form_id, kind, result_id, submitted_by, submitted_at)
        SELECT @FormId, @Kind, NULL, @By, @At
        WHERE NOT EXISTS (SELECT 1 FROM professional_forms WITH (UPDLOCK, HOLDLOCK) WHERE form_id = @FormId)
        """;

    internal const string SelectResult = "SELECT result_id FROM professional_forms WHERE form_id = @formId";

    internal const string Complete = "UPDATE professional_forms SET result_id = @resultId WHERE form_id = @formId";

    internal const string Release = "DELETE FROM professional_forms WHERE form_id = @formId AND result_id IS NULL";

    /// <summary>Claims the form for this submit, or says what happened to it before (with the result id when done).</summary>
    public async Task<(FormClaim Claim, string? ResultId)> ClaimAsync(string formId, string kind, string by, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(formId);
        return await database.WriteAsync(async (connection, transaction) =>
        {
            if (await connection.ExecuteAsync(database.Pick(SqliteClaim, SqlServerClaim),
                new { FormId = formId, Kind = kind, By = by, At = clock.GetUtcNow().Ms() }, transaction).ConfigureAwait(false) > 0)
            {
                return (FormClaim.Claimed, (string?)null);
            }

            var result = await connection.ExecuteScalarAsync<string?>(SelectResult, new { formId }, transaction).ConfigureAwait(false);
            return (result is null ? FormClaim.InProgress : FormClaim.Done, result);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What happened to the form so far: null when it was never submitted (or released after a refusal).</summary>
    public async Task<(FormClaim Claim, string? ResultId)?> FindAsync(string formId, CancellationToken cancellationToken = default)
    {
        var rows = (await database.ReadAsync(c => c.QueryAsync<string?>(SelectResult, new { formId }), cancellationToken).ConfigureAwait(false)).ToList();
        return rows.Count == 0 ? null : (rows[0] is null ? FormClaim.InProgress : FormClaim.Done, rows[0]);
    }

    /// <summary>Records what the claimed form created.</summary>
    public Task CompleteAsync(string formId, string resultId, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(Complete, new { formId, resultId }, transaction), cancellationToken);

    /// <summary>The form's action was refused (a rule): the form can be corrected and submitted again.</summary>
    public Task ReleaseAsync(string formId, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(Release, new { formId }, transaction), cancellationToken);
}
