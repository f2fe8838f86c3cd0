using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Connector.StreamIngest.Tests.Support;

/// <summary>Keeps every log entry of a host, for tests that check what was logged (and how often).</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> entries = new();

    public IReadOnlyList<Entry> Entries => [.. entries];

    public IEnumerable<Entry> WithEventId(int id) => entries.Where(e => e.EventId.Id == id);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

    public void Dispose()
    {
    }

    public sealed record Entry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);

    private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                entries.Enqueue(new Entry(category, logLevel, eventId, formatter(state, exception), exception));
            }
        }
    }
}
