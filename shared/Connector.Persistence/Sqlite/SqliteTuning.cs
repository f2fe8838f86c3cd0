namespace Connector.Persistence.Sqlite;

/// <summary>
/// Per-connection SQLite settings for the saga store. Every connection gets <c>journal_mode=WAL</c> (readers
/// run beside the writer) and <c>synchronous=NORMAL</c> (sync at checkpoints instead of at every commit: a
/// power loss may drop the last commits but never corrupts the file, and RabbitMQ redelivers what was not
/// acknowledged), plus the busy timeout below.
/// </summary>
/// <param name="BusyTimeout">How long a connection waits for another connection's write lock before failing.</param>
public sealed record SqliteTuning(TimeSpan BusyTimeout)
{
    /// <summary>A 5 second busy timeout.</summary>
    public static SqliteTuning Default { get; } = new(TimeSpan.FromSeconds(5));
}
