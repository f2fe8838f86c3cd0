namespace Connector.OpenCti.LiveStream;

/// <summary>
/// The stream no longer holds the events after the saved position: the platform trimmed its history, so events
/// were lost. Emitted right after <see cref="StreamConnected"/>; the service should request a full reconciliation.
/// </summary>
/// <param name="SavedId">The position the client resumed from (during a first-run recovery: the recover date as an id).</param>
/// <param name="FirstEventId">The oldest event the stream still holds.</param>
public sealed record HistoryTrimmed(StreamEventId SavedId, StreamEventId FirstEventId) : StreamEvent;
