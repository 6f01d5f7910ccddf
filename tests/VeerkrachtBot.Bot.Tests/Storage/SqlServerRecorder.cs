using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.SqlClient;
using Polly;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot.Tests.Storage;

/// <summary>One statement a store sent, with the transaction it ran in (0: none) and its parameters.</summary>
public sealed record SentStatement(string Sql, int Transaction, IReadOnlyDictionary<string, object?> Parameters, int CommandTimeout = 0);

/// <summary>
/// An <see cref="IDatabase"/> that says it is SQL Server and records every statement a store sends, without a server:
/// what a store would make SQL Server do can then be read with ScriptDom here. <see cref="Answer"/> decides what a
/// query returns (rows of one column, or a scalar); statements that change data report one row changed.
/// </summary>
public sealed class SqlServerRecorder : IDatabase
{
    private int _transactions;

    public List<SentStatement> Sent { get; } = [];

    /// <summary>Rows (of one string column) for a query, by its text; none by default.</summary>
    public Func<string, IReadOnlyList<object>> Answer { get; set; } = _ => [];

    public DatabaseProvider Provider => DatabaseProvider.SqlServer;

    public ResiliencePipeline Retry => ResiliencePipeline.Empty;

    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) => Task.FromResult<DbConnection>(new Connection(this));

    private sealed class Connection(SqlServerRecorder recorder) : DbConnection
    {
        private ConnectionState _state = ConnectionState.Open;

        [AllowNull]
        public override string ConnectionString { get; set; } = "recorder";

        public override string Database => "recorder";

        public override string DataSource => "recorder";

        public override string ServerVersion => "16.0";

        public override ConnectionState State => _state;

        public override void ChangeDatabase(string databaseName)
        {
        }

        public override void Close() => _state = ConnectionState.Closed;

        public override void Open() => _state = ConnectionState.Open;

        protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => new Transaction(this, isolationLevel, Interlocked.Increment(ref recorder._transactions));

        protected override DbCommand CreateDbCommand() => new Command(recorder) { Connection = this };
    }

    private sealed class Transaction(DbConnection connection, IsolationLevel isolationLevel, int number) : DbTransaction
    {
        public int Number { get; } = number;

        public override IsolationLevel IsolationLevel { get; } = isolationLevel;

        protected override DbConnection DbConnection { get; } = connection;

        public override void Commit()
        {
        }

        public override void Rollback()
        {
        }
    }

    private sealed class Command(SqlServerRecorder recorder) : DbCommand
    {
        private readonly SqlParameterCollection _parameters = new SqlCommand().Parameters;

        [AllowNull]
        public override string CommandText { get; set; } = "";

        public override int CommandTimeout { get; set; }

        public override CommandType CommandType { get; set; }

        public override bool DesignTimeVisible { get; set; }

        public override UpdateRowSource UpdatedRowSource { get; set; }

        protected override DbConnection? DbConnection { get; set; }

        protected override DbParameterCollection DbParameterCollection => _parameters;

        protected override DbTransaction? DbTransaction { get; set; }

        public override void Cancel()
        {
        }

        public override int ExecuteNonQuery()
        {
            Record();
            return 1;
        }

        public override object? ExecuteScalar()
        {
            Record();
            return recorder.Answer(CommandText).FirstOrDefault();
        }

        public override void Prepare()
        {
        }

        protected override DbParameter CreateDbParameter() => new SqlParameter();

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
        {
            Record();
            var table = new DataTable();
            var rows = recorder.Answer(CommandText);
            if (rows.Count > 0)
            {
                table.Columns.Add("value", rows[0].GetType());
                foreach (var row in rows)
                {
                    table.Rows.Add(row);
                }
            }

            return table.CreateDataReader();
        }

        private void Record() => recorder.Sent.Add(new SentStatement(CommandText, (DbTransaction as Transaction)?.Number ?? 0,
            _parameters.Cast<SqlParameter>().ToDictionary(p => p.ParameterName.TrimStart('@'), p => p.Value is DBNull ? null : p.Value, StringComparer.Ordinal), CommandTimeout));
    }
}
