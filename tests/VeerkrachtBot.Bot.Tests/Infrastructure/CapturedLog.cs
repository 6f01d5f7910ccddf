using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace VeerkrachtBot.Bot.Tests.Infrastructure;

/// <summary>What the bot host logged, kept in memory so tests can say "no turn failed, no error was logged".</summary>
public sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => _entries.ToList();

    /// <summary>Entries at Error or Critical: unhandled exceptions, failed turns.</summary>
    public IReadOnlyList<LogEntry> Errors => _entries.Where(e => e.Level >= LogLevel.Error).ToList();

    /// <summary>A position in the log, for <see cref="ErrorsSince"/> on a host that several tests share.</summary>
    public int Mark() => _entries.Count;

    /// <summary>Errors logged after <paramref name="mark"/>.</summary>
    public IReadOnlyList<LogEntry> ErrorsSince(int mark) => _entries.Skip(mark).Where(e => e.Level >= LogLevel.Error).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    public sealed record LogEntry(LogLevel Level, string Category, string Message, Exception? Exception)
    {
        public override string ToString() => $"{Level} {Category}: {Message} {Exception?.GetType().Name} {Exception?.Message}";
    }

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log._entries.Enqueue(new LogEntry(logLevel, category, formatter(state, exception), exception));
            }
        }
    }
}
