using System.Data.Common;
using System.Reflection;
using Microsoft.Data.SqlClient;
using Polly;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Tests.Storage;

/// <summary>
/// Real <see cref="SqlException"/>s with the documented error numbers. SqlClient has no public constructor for them, so
/// they are made the way the driver makes them (its internal factory); if an upgrade moves that, this fails loudly.
/// </summary>
public static class SqlErrors
{
    public static SqlException Exception(int number, string message = "Simulated SQL Server error")
    {
        var errorConstructor = typeof(SqlError).GetConstructors(BindingFlags.NonPublic | BindingFlags.Instance).OrderByDescending(c => c.GetParameters().Length).First();
        var numberGiven = false;
        var arguments = errorConstructor.GetParameters().Select(p => p.ParameterType switch
        {
            var t when t == typeof(int) && !numberGiven && (numberGiven = true) => number,
            var t when t == typeof(int) => 0,
            var t when t == typeof(byte) => (byte)0,
            var t when t == typeof(uint) => 0u,
            var t when t == typeof(string) => (object)message,
            _ => null,
        }).ToArray();
        var error = (SqlError)errorConstructor.Invoke(arguments);
        var errors = (SqlErrorCollection)Activator.CreateInstance(typeof(SqlErrorCollection), nonPublic: true)!;
        typeof(SqlErrorCollection).GetMethod("Add", BindingFlags.NonPublic | BindingFlags.Instance)!.Invoke(errors, [error]);
        var create = typeof(SqlException).GetMethods(BindingFlags.NonPublic | BindingFlags.Static)
            .First(m => m.Name == "CreateException" && m.GetParameters() is [var first, var second] && first.ParameterType == typeof(SqlErrorCollection) && second.ParameterType == typeof(string));
        return (SqlException)create.Invoke(null, [errors, "16.0.0"])!;
    }
}

/// <summary>
/// A real database that fails the next <see cref="Failures"/> connection opens with a SQL Server error, like Azure SQL
/// during a failover or a serverless database resuming; retries are quick so tests stay fast.
/// </summary>
public sealed class FlakyDatabase(IDatabase inner, int number) : IDatabase
{
    private int _failures;

    public int Failures
    {
        get => Volatile.Read(ref _failures);
        set => Volatile.Write(ref _failures, value);
    }

    public int Opens { get; private set; }

    public DatabaseProvider Provider => inner.Provider;

    public ResiliencePipeline Retry { get; } = DatabaseRetry.Create(new DatabaseRetryOptions(3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5)));

    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        Opens++;
        return Interlocked.Decrement(ref _failures) >= 0 ? Task.FromException<DbConnection>(SqlErrors.Exception(number)) : inner.OpenAsync(cancellationToken);
    }
}
