using Dapper;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Polls;

/// <summary><see cref="IPollStore"/> on the shared database.</summary>
public sealed class SqlPollStore(IDatabase database) : IPollStore
{
    internal const string Insert = """
        INSERT INTO polls (id, agenda_item, question, allow_comment, opens_at, closes_at, status, is_example, created_by, created_at)
        VALUES (@Id, @AgendaItem, @Question, @AllowComment, @OpensAt, @ClosesAt, @Status, @IsExample, @CreatedBy, @CreatedAt)
        """;

    internal const string InsertNeighbourhood = "INSERT INTO poll_neighbourhoods (poll_id, neighbourhood_id) VALUES (@PollId, @NeighbourhoodId)";

    private const string SelectColumns = """
        SELECT p.id AS Id, p.agenda_item AS AgendaItem, p.question AS Question, p.allow_comment AS AllowComment, p.opens_at AS OpensAt,
               p.closes_at AS ClosesAt, p.status AS Status, p.is_example AS IsExample, p.created_by AS CreatedBy
        FROM polls p
        """;

    internal const string SelectById = SelectColumns + " WHERE p.id = @id";

    internal const string SelectOpenFor = SelectColumns + """
         JOIN poll_neighbourhoods n ON n.poll_id = p.id
        WHERE n.neighbourhood_id = @neighbourhoodId AND p.status = 'Open' AND p.opens_at <= @now AND p.closes_at > @now
        ORDER BY p.closes_at
        """;

    internal const string SelectNeighbourhoods = "SELECT poll_id AS PollId, neighbourhood_id AS NeighbourhoodId FROM poll_neighbourhoods WHERE poll_id IN @ids";

    internal const string UpdateStatus = "UPDATE polls SET status = @status WHERE id = @pollId";

    internal const string SelectResponse = """
        SELECT poll_id AS PollId, resident_id AS ResidentId, neighbourhood_id AS NeighbourhoodId, score AS Score, comment AS Comment, responded_at AS RespondedAt
        FROM poll_responses WHERE poll_id = @pollId AND resident_id = @residentId
        """;

    internal const string UpdateResponse = """
        UPDATE poll_responses SET score = @Score, comment = @Comment, neighbourhood_id = @NeighbourhoodId, responded_at = @RespondedAt
        WHERE poll_id = @PollId AND resident_id = @ResidentId
        """;

    internal const string InsertResponse = """
        INSERT INTO poll_responses (id, poll_id, resident_id, neighbourhood_id, score, comment, responded_at)
        VALUES (@Id, @PollId, @ResidentId, @NeighbourhoodId, @Score, @Comment, @RespondedAt)
        """;

    internal const string SelectResults = """
        SELECT score AS Score, COUNT(*) AS Responses, COUNT(comment) AS Comments FROM poll_responses WHERE poll_id = @pollId GROUP BY score
        """;

    /// <inheritdoc />
    public async Task AddAsync(Poll poll, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(Insert, new
        {
            poll.Id, poll.AgendaItem, poll.Question, poll.AllowComment, OpensAt = poll.OpensAt.Ms(), ClosesAt = poll.ClosesAt.Ms(),
            Status = poll.Status.ToString(), poll.IsExample, poll.CreatedBy, CreatedAt = DateTimeOffset.UtcNow.Ms(),
        }, transaction).ConfigureAwait(false);
        await connection.ExecuteAsync(InsertNeighbourhood, poll.NeighbourhoodIds.Distinct().Select(n => new { PollId = poll.Id, NeighbourhoodId = n }), transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<Poll?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        (await QueryAsync(SelectById, new { id }, cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    /// <inheritdoc />
    public Task<IReadOnlyList<Poll>> OpenForAsync(string neighbourhoodId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        QueryAsync(SelectOpenFor, new { neighbourhoodId, now = now.Ms() }, cancellationToken);

    /// <inheritdoc />
    public async Task SetStatusAsync(string pollId, PollStatus status, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(UpdateStatus, new { pollId, status = status.ToString() }).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> RespondAsync(PollResponse response, CancellationToken cancellationToken = default)
    {
        var row = new
        {
            Id = Ids.New(), response.PollId, response.ResidentId, response.NeighbourhoodId, response.Score, response.Comment,
            RespondedAt = response.RespondedAt.Ms(),
        };
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        // Update first: the unique (poll, resident) index makes a racing second insert fail instead of duplicating.
        var changed = await connection.ExecuteAsync(UpdateResponse, row, transaction).ConfigureAwait(false) == 1;
        if (!changed)
        {
            await connection.ExecuteAsync(InsertResponse, row, transaction).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return changed;
    }

    /// <inheritdoc />
    public async Task<PollResponse?> GetResponseAsync(string pollId, string residentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<ResponseRow>(SelectResponse, new { pollId, residentId }).ConfigureAwait(false);
        return row is null ? null : new PollResponse(row.PollId, row.ResidentId, row.NeighbourhoodId, row.Score, row.Comment, UnixTime.At(row.RespondedAt));
    }

    /// <inheritdoc />
    public async Task<PollResults> ResultsAsync(string pollId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = (await connection.QueryAsync<(long Score, long Responses, long Comments)>(SelectResults, new { pollId }).ConfigureAwait(false)).ToList();
        var counts = Enumerable.Range(Poll.MinScore, Poll.MaxScore).ToDictionary(s => s, s => (int)rows.Where(r => r.Score == s).Sum(r => r.Responses));
        var total = counts.Values.Sum();
        double? average = total == 0 ? null : counts.Sum(kv => kv.Key * kv.Value) / (double)total;
        return new PollResults(pollId, counts, total, average, (int)rows.Sum(r => r.Comments));
    }

    private async Task<IReadOnlyList<Poll>> QueryAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = (await connection.QueryAsync<PollRow>(sql, parameters).ConfigureAwait(false)).ToList();
        if (rows.Count == 0)
        {
            return [];
        }

        var neighbourhoods = (await connection.QueryAsync<(string PollId, string NeighbourhoodId)>(SelectNeighbourhoods, new { ids = rows.Select(r => r.Id).ToList() }).ConfigureAwait(false))
            .ToLookup(n => n.PollId, n => n.NeighbourhoodId);
        return rows.Select(r => new Poll(r.Id, r.AgendaItem, r.Question, r.AllowComment, neighbourhoods[r.Id].Order(StringComparer.Ordinal).ToList(),
            UnixTime.At(r.OpensAt), UnixTime.At(r.ClosesAt), Enum.Parse<PollStatus>(r.Status), r.IsExample, r.CreatedBy)).ToList();
    }

    private sealed class PollRow
    {
        public string Id { get; set; } = "";
        public string AgendaItem { get; set; } = "";
        public string Question { get; set; } = "";
        public bool AllowComment { get; set; }
        public long OpensAt { get; set; }
        public long ClosesAt { get; set; }
        public string Status { get; set; } = "";
        public bool IsExample { get; set; }
        public string CreatedBy { get; set; } = "";
    }

    private sealed class ResponseRow
    {
        public string PollId { get; set; } = "";
        public string ResidentId { get; set; } = "";
        public string? NeighbourhoodId { get; set; }
        public int Score { get; set; }
        public string? Comment { get; set; }
        public long RespondedAt { get; set; }
    }
}
