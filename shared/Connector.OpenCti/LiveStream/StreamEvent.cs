namespace Connector.OpenCti.LiveStream;

/// <summary>
/// Something the live stream delivered. Match on the concrete types: <see cref="StreamConnected"/>,
/// <see cref="HistoryTrimmed"/>, <see cref="StreamSkipped"/>, and the positioned ones (<see cref="StreamHeartbeat"/>,
/// <see cref="IndicatorEvent"/>).
/// </summary>
public abstract record StreamEvent;

/// <summary>
/// A frame that carried a stream id. Once it is handled (for an indicator event: once its effects are safely
/// published), <see cref="Id"/> is the position to save: the client resumes after it when it reconnects, and so
/// must the service after a restart.
/// </summary>
/// <param name="Id">The frame's id.</param>
public abstract record PositionedStreamEvent(StreamEventId Id) : StreamEvent;
