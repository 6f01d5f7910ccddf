using Dapper;
using VeerkrachtBot.Core.Notifications;
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

    internal const string SqliteSelectNeighbourhoods = "SELECT poll_id AS PollId, neighbourhood_id AS NeighbourhoodId FROM poll_neighbourhoods WHERE poll_id IN (SELECT value FROM json_each(@ids))";

    internal const string SqlServerSelectNeighbourhoods = "SELECT poll_id AS PollId, neighbourhood_id AS NeighbourhoodId FROM poll_neighbourhoods WHERE poll_id IN (SELECT value FROM OPENJSON(@ids) WITH (value NVARCHAR(100) '$'))";

    internal const string UpdateStatus = "UPDATE polls SET status = @status WHERE id = @pollId";

    internal const string SelectResponse = """
        SELECT poll_id AS PollId, resident_id AS ResidentId, neighbourhood_id AS NeighbourhoodId, score AS Score, comment AS Comment, responded_at AS RespondedAt
        FROM poll_responses WHERE poll_id = @pollId AND resident_id = @residentId
        """;

    internal const string SqliteResponseExists = "SELECT COUNT(*) FROM poll_responses WHERE poll_id = @PollId AND resident_id = @ResidentId";

    // Inside BEGIN IMMEDIATE (the one write lock of the file) nothing can come between the check above and this.
    internal const string SqliteUpsertResponse = """
        INSERT INTO poll_responses (id, poll_id, resident_id, neighbourhood_id, score, comment, responded_at)
        VALUES (@Id, @PollId, @ResidentId, @NeighbourhoodId, @Score, @Comment, @RespondedAt)
        ON CONFLICT (poll_id, resident_id) WHERE resident_id IS NOT NULL
        DO UPDATE SET score = excluded.score, comment = excluded.comment, neighbourhood_id = excluded.neighbourhood_id, responded_at = excluded.responded_at
        """;

    // One statement with a key-range lock: two quick first answers of one resident give one row and one update,
    // instead of the second failing on the unique index (which would end the resident's turn in an error).
    internal const string SqlServerUpsertResponse = """
        MERGE poll_responses WITH (HOLDLOCK) AS target
        USING (SELECT @PollId AS poll_id, @ResidentId AS resident_id) AS source
            ON target.poll_id = source.poll_id AND target.resident_id = source.resident_id
        WHEN MATCHED THEN UPDATE SET score = @Score, comment = @Comment, neighbourhood_id = @NeighbourhoodId, responded_at = @RespondedAt
        WHEN NOT MATCHED THEN INSERT (id, poll_id, resident_id, neighbourhood_id, score, comment, responded_at)
            VALUES (@Id, @PollId, @ResidentId, @NeighbourhoodId, @Score, @Comment, @RespondedAt)
        OUTPUT $action;
        """;

    internal const string SelectResults = """
        SELECT score AS Score, COUNT(*) AS Responses, COUNT(comment) AS Comments FROM poll_responses WHERE poll_id = @pollId GROUP BY score
        """;

    /// <inheritdoc />
    public Task AddAsync(Poll poll, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var now = DateTimeOffset.UtcNow;
            await connection.ExecuteAsync(Insert, new
            {
                poll.Id, poll.AgendaItem, poll.Question, poll.AllowComment, OpensAt = poll.OpensAt.Ms(), ClosesAt = poll.ClosesAt.Ms(),
                Status = poll.Status.ToString(), poll.IsExample, poll.CreatedBy, CreatedAt = now.Ms(),
            }, transaction).ConfigureAwait(false);
            await connection.ExecuteAsync(InsertNeighbourhood, poll.NeighbourhoodIds.Distinct().Select(n => new { PollId = poll.Id, NeighbourhoodId = n }), transaction).ConfigureAwait(false);

            // A real, open poll is announced to the residents of its neighbourhoods who asked for news, when it opens.
            if (!poll.IsExample && poll.Status == PollStatus.Open)
            {
                await SqlNotificationOutbox.AnnounceAsync(database, connection, transaction, new AnnouncementPayload(AnnouncedItem.Poll, poll.Id),
                    poll.NeighbourhoodIds.Distinct(), poll.OpensAt > now ? poll.OpensAt : now, now).ConfigureAwait(false);
            }
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<Poll?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        (await QueryAsync(SelectById, new { id }, cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    /// <inheritdoc />
    public Task<IReadOnlyList<Poll>> OpenForAsync(string neighbourhoodId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        QueryAsync(SelectOpenFor, new { neighbourhoodId, now = now.Ms() }, cancellationToken);

    /// <inheritdoc />
    public Task SetStatusAsync(string pollId, PollStatus status, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(UpdateStatus, new { pollId, status = status.ToString() }, transaction), cancellationToken);

    /// <inheritdoc />
    public Task<bool> RespondAsync(PollResponse response, CancellationToken cancellationToken = default)
    {
        var row = new
        {
            Id = Ids.New(), response.PollId, response.ResidentId, response.NeighbourhoodId, response.Score, response.Comment,
            RespondedAt = response.RespondedAt.Ms(),
        };
        return database.WriteAsync(async (connection, transaction) =>
        {
            if (database.Provider == DatabaseProvider.SqlServer)
            {
                return await connection.ExecuteScalarAsync<string>(SqlServerUpsertResponse, row, transaction).ConfigureAwait(false) == "UPDATE";
            }

            var existed = await connection.ExecuteScalarAsync<long>(SqliteResponseExists, row, transaction).ConfigureAwait(false) > 0;
            await connection.ExecuteAsync(SqliteUpsertResponse, row, transaction).ConfigureAwait(false);
            return existed;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<PollResponse?> GetResponseAsync(string pollId, string residentId, CancellationToken cancellationToken = default)
    {
        var row = await database.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<ResponseRow>(SelectResponse, new { pollId, residentId }), cancellationToken).ConfigureAwait(false);
        return row is null ? null : new PollResponse(row.PollId, row.ResidentId, row.NeighbourhoodId, row.Score, row.Comment, UnixTime.At(row.RespondedAt));
    }

    /// <inheritdoc />
    public async Task<PollResults> ResultsAsync(string pollId, CancellationToken cancellationToken = default)
    {
        var rows = (await database.ReadAsync(connection => connection.QueryAsync<(long Score, long Responses, long Comments)>(SelectResults, new { pollId }), cancellationToken).ConfigureAwait(false)).ToList();
        var counts = Enumerable.Range(Poll.MinScore, Poll.MaxScore).ToDictionary(s => s, s => (int)rows.Where(r => r.Score == s).Sum(r => r.Responses));
        var total = counts.Values.Sum();
        double? average = total == 0 ? null : counts.Sum(kv => kv.Key * kv.Value) / (double)total;
        return new PollResults(pollId, counts, total, average, (int)rows.Sum(r => r.Comments));
    }

    private Task<IReadOnlyList<Poll>> QueryAsync(string sql, object parameters, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<Poll>>(async connection =>
        {
            var rows = (await connection.QueryAsync<PollRow>(sql, parameters).ConfigureAwait(false)).ToList();
            if (rows.Count == 0)
            {
                return [];
            }

            var neighbourhoods = (await connection.QueryAsync<(string PollId, string NeighbourhoodId)>(database.Pick(SqliteSelectNeighbourhoods, SqlServerSelectNeighbourhoods),
                    new { ids = Sql.JsonList(rows.Select(r => r.Id)) }).ConfigureAwait(false))
                .ToLookup(n => n.PollId, n => n.NeighbourhoodId);
            return rows.Select(r => new Poll(r.Id, r.AgendaItem, r.Question, r.AllowComment, neighbourhoods[r.Id].Order(StringComparer.Ordinal).ToList(),
                UnixTime.At(r.OpensAt), UnixTime.At(r.ClosesAt), Enum.Parse<PollStatus>(r.Status), r.IsExample, r.CreatedBy)).ToList();
        }, cancellationToken);

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
