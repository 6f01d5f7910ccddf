using Dapper;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Polls;

/// <summary>The polls the programme manager sees in Teams: the most recently created first, open and closed alike.</summary>
public sealed class RecentPolls(IDatabase database, IPollStore store)
{
    internal const string SqliteSelectIds = "SELECT id FROM polls ORDER BY created_at DESC, id DESC LIMIT @max";

    internal const string SqlServerSelectIds = "SELECT id FROM polls ORDER BY created_at DESC, id DESC OFFSET 0 ROWS FETCH NEXT @max ROWS ONLY";

    /// <summary>At most <paramref name="max"/> polls, newest first.</summary>
    public async Task<IReadOnlyList<Poll>> ListAsync(int max, CancellationToken cancellationToken = default)
    {
        var ids = await database.ReadAsync(c => c.QueryAsync<string>(database.Pick(SqliteSelectIds, SqlServerSelectIds), new { max }), cancellationToken).ConfigureAwait(false);
        var polls = new List<Poll>();
        foreach (var id in ids)
        {
            if (await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } poll)
            {
                polls.Add(poll);
            }
        }

        return polls;
    }
}
