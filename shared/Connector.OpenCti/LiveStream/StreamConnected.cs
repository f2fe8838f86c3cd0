namespace Connector.OpenCti.LiveStream;

/// <summary>
/// The <c>connected</c> frame that opens every connection (it has no id). Sent again after each reconnect.
/// </summary>
/// <param name="FirstEventId">The oldest event the stream still holds; null when the stream is empty.</param>
/// <param name="LastEventId">The newest event the stream holds; null when the stream is empty.</param>
public sealed record StreamConnected(StreamEventId? FirstEventId, StreamEventId? LastEventId) : StreamEvent
{
    /// <summary>The time of <see cref="FirstEventId"/>.</summary>
    public DateTimeOffset? FirstEventDate { get; init; }

    /// <summary>The time of <see cref="LastEventId"/>.</summary>
    public DateTimeOffset? LastEventDate { get; init; }

    /// <summary>How many events the stream holds.</summary>
    public long? StreamSize { get; init; }

    /// <summary>The platform's id for this connection.</summary>
    public string? ConnectionId { get; init; }

    /// <summary>The position this connection was asked to start from (<c>Last-Event-ID</c>).</summary>
    public StreamEventId ResumedFrom { get; init; }

    /// <summary>The recover date sent with this connection, when the first-run recovery was still under way.</summary>
    public DateTimeOffset? RecoverUntil { get; init; }

    /// <summary>0 for the first connection of a read, then 1, 2, … for each reconnect.</summary>
    public int Reconnects { get; init; }
}
