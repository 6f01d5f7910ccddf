using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace VeerkrachtBot.Core.Storage;

/// <summary>How often, and how long apart, a unit of work is retried after a transient database failure.</summary>
/// <param name="MaxRetryAttempts">Retries after the first attempt; 0 turns retrying off.</param>
/// <param name="Delay">The first back-off; it doubles per retry, with jitter.</param>
/// <param name="MaxDelay">The longest single back-off.</param>
/// <param name="Deadline">
/// The whole unit of work, every attempt and back-off included; null: no deadline. When it passes the runner stops
/// with a <see cref="Polly.Timeout.TimeoutRejectedException"/>, which counts as transient. A statement that is
/// already running keeps its own command time-out (the deadline reaches opening, beginning and committing).
/// </param>
public sealed record DatabaseRetryOptions(int MaxRetryAttempts, TimeSpan Delay, TimeSpan MaxDelay, TimeSpan? Deadline = null)
{
    /// <summary>The longest a unit of work of a turn retries: ten seconds. (Before <see cref="Interactive"/>: static initialisers run in order.)</summary>
    public static TimeSpan InteractiveDeadline { get; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// For a resident's turn: up to five retries (back-offs of about 0.2, 0.4, 0.8, 1.6 and 3 seconds), all of it within
    /// a deadline of <see cref="InteractiveDeadline"/>, so that a channel that waits 15 seconds gets its answer. An Azure
    /// SQL failover or a deadlock victim is over in that time; SQL Server connections of the bot also open and run with
    /// short time-outs (<see cref="SqlServerDatabase"/>), so one attempt cannot use up the budget on its own.
    /// </summary>
    public static DatabaseRetryOptions Interactive { get; } = new(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(3), InteractiveDeadline);

    /// <summary>At start-up (migrations): long enough for a paused serverless database to resume (about a minute).</summary>
    public static DatabaseRetryOptions Startup { get; } = new(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20));
}

/// <summary>
/// Which database failures are transient: worth retrying the whole unit of work, and never a reason to throw away
/// a resident's place in a conversation.
/// </summary>
public static class TransientDatabaseErrors
{
    /// <summary>
    /// SQL Server / Azure SQL error numbers that Microsoft documents as transient: Azure SQL reconfiguration and
    /// failover (40613, 40197, 40501, 40540, 40143, 4221, 49918-49920, 42108, 42109), a database that cannot be opened
    /// yet (4060, a serverless database resuming), resource governance (10928, 10929), deadlock victim and lock
    /// time-outs (1205, 1204, 1222), broken or refused connections (10053, 10054, 10060, 997, 233, 121, 64) and the
    /// client's own time-out (-2).
    /// </summary>
    public static IReadOnlySet<int> SqlServerNumbers { get; } = new HashSet<int>
    {
        40613, 40197, 40501, 40540, 40143, 4221, 49918, 49919, 49920, 42108, 42109, 4060,
        10928, 10929, 1205, 1204, 1222, 10053, 10054, 10060, 997, 233, 121, 64, -2,
    };

    /// <summary>SQLite's BUSY (5) and LOCKED (6): another writer held the file longer than the driver waits.</summary>
    public static IReadOnlySet<int> SqliteCodes { get; } = new HashSet<int> { 5, 6 };

    /// <summary>True when <paramref name="exception"/> (or one it wraps) is a transient database failure.</summary>
    public static bool IsTransient(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case CommitOutcomeUnknownException:
                case TimeoutRejectedException:
                    return true;
                case SqlException sql when sql.Errors.Cast<SqlError>().Any(e => SqlServerNumbers.Contains(e.Number)) || SqlServerNumbers.Contains(sql.Number):
                    return true;
                case SqliteException sqlite when SqliteCodes.Contains(sqlite.SqliteErrorCode):
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the runner tries the unit of work again. SQLite's BUSY is not retried: Microsoft.Data.Sqlite has
    /// already waited its whole command time-out (30 s) for the lock, longer than any resident waits.
    /// </summary>
    internal static bool ShouldRetry(Exception exception) =>
        exception is SqlException && IsTransient(exception);
}

/// <summary>
/// The connection broke while a transaction was being committed: it may or may not have been applied, so the
/// unit of work is not run again (that could apply it twice). Still transient: the resident can simply try again.
/// </summary>
public sealed class CommitOutcomeUnknownException(Exception inner)
    : DbException("The database connection failed while committing; the change may or may not have been saved.", inner);

/// <summary>
/// Runs units of work against an <see cref="IDatabase"/>: the one way stores write. A unit of work is a delegate
/// that gets an open connection and a write transaction; it is committed at the end, and run again from the
/// start (new connection, new transaction) after a transient failure, with jittered exponential back-off.
/// A unit of work may hold several store operations; it must not have effects outside the database.
/// </summary>
public static class DatabaseWork
{
    /// <summary>Runs <paramref name="work"/> in a write transaction and commits it; retried as a whole when transient.</summary>
    public static Task<T> WriteAsync<T>(this IDatabase database, Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken = default) =>
        database.WriteAsync(work, database.Retry, cancellationToken);

    /// <summary>As <see cref="WriteAsync{T}(IDatabase, Func{DbConnection, DbTransaction, Task{T}}, CancellationToken)"/>, with another retry policy (start-up).</summary>
    public static Task<T> WriteAsync<T>(this IDatabase database, Func<DbConnection, DbTransaction, Task<T>> work, ResiliencePipeline retry, CancellationToken cancellationToken = default) =>
        retry.ExecuteAsync(async token =>
        {
            var writers = (database as SqliteDatabase)?.Writers;
            if (writers is not null)
            {
                await writers.WaitAsync(token).ConfigureAwait(false);
            }

            try
            {
                await using var connection = await database.OpenAsync(token).ConfigureAwait(false);
                await using var transaction = await connection.BeginWriteAsync(token).ConfigureAwait(false);
                var result = await work(connection, transaction).ConfigureAwait(false);
                try
                {
                    await transaction.CommitAsync(token).ConfigureAwait(false);
                }
                catch (Exception ex) when (TransientDatabaseErrors.IsTransient(ex))
                {
                    throw new CommitOutcomeUnknownException(ex);
                }

                return result;
            }
            finally
            {
                writers?.Release();
            }
        }, cancellationToken).AsTask();

    /// <summary>Runs <paramref name="work"/> in a write transaction and commits it; retried as a whole when transient.</summary>
    public static Task WriteAsync(this IDatabase database, Func<DbConnection, DbTransaction, Task> work, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await work(connection, transaction).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>Runs a read (or a single self-contained statement) on its own connection; retried when transient.</summary>
    public static Task<T> ReadAsync<T>(this IDatabase database, Func<DbConnection, Task<T>> work, CancellationToken cancellationToken = default) =>
        database.ReadAsync(work, database.Retry, cancellationToken);

    /// <summary>As <see cref="ReadAsync{T}(IDatabase, Func{DbConnection, Task{T}}, CancellationToken)"/>, with another retry policy (start-up).</summary>
    public static Task<T> ReadAsync<T>(this IDatabase database, Func<DbConnection, Task<T>> work, ResiliencePipeline retry, CancellationToken cancellationToken = default) =>
        retry.ExecuteAsync(async token =>
        {
            await using var connection = await database.OpenAsync(token).ConfigureAwait(false);
            return await work(connection).ConfigureAwait(false);
        }, cancellationToken).AsTask();
}

/// <summary>Builds the retry pipeline the databases use.</summary>
public static partial class DatabaseRetry
{
    /// <summary>
    /// A pipeline that retries <see cref="TransientDatabaseErrors.ShouldRetry"/> failures per <paramref name="options"/>,
    /// inside the options' deadline when they have one.
    /// </summary>
    public static ResiliencePipeline Create(DatabaseRetryOptions options, ILogger? logger = null, TimeProvider? clock = null)
    {
        if (options.MaxRetryAttempts <= 0 && options.Deadline is null)
        {
            return ResiliencePipeline.Empty;
        }

        var builder = new ResiliencePipelineBuilder { TimeProvider = clock ?? TimeProvider.System };

        // Added first, so it is the outer strategy: the deadline covers every attempt and every back-off.
        if (options.Deadline is { } deadline)
        {
            builder.AddTimeout(deadline);
        }

        if (options.MaxRetryAttempts <= 0)
        {
            return builder.Build();
        }

        return builder.AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(TransientDatabaseErrors.ShouldRetry),
            MaxRetryAttempts = options.MaxRetryAttempts,
            Delay = options.Delay,
            MaxDelay = options.MaxDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            OnRetry = args =>
            {
                if (logger is not null && args.Outcome.Exception is { } exception)
                {
                    LogRetry(logger, exception, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
                }

                return ValueTask.CompletedTask;
            },
        }).Build();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transient database failure; unit of work retried (retry {Retry}, after {DelayMs} ms)")]
    private static partial void LogRetry(ILogger logger, Exception exception, int retry, double delayMs);
}
