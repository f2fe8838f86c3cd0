namespace Connector.OpenCti.LiveStream;

/// <summary>
/// A <c>heartbeat</c> frame (about every 5 s). Its id is the last event id (or "now" when the stream is idle):
/// saving it as the position keeps the saved state fresh through quiet periods.
/// </summary>
/// <param name="Id">The frame's id.</param>
/// <param name="Time">The platform time the heartbeat carries, when readable.</param>
public sealed record StreamHeartbeat(StreamEventId Id, DateTimeOffset? Time) : PositionedStreamEvent(Id);
