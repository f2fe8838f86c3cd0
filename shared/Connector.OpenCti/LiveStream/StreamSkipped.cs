namespace Connector.OpenCti.LiveStream;

/// <summary>
/// A frame the connector has no use for. It does <b>not</b> move the position: OpenCTI sends an object's missing
/// dependencies (its marking, its author identity) under the object's own id just before it, and resuming after
/// that id would lose the object. The next heartbeat carries the position forward.
/// </summary>
/// <param name="Id">The frame's id.</param>
/// <param name="EventName">The SSE event name.</param>
/// <param name="Reason">Why it was skipped.</param>
/// <param name="Detail">What was found instead (the object type, the pattern type, the parse error), for logs.</param>
public sealed record StreamSkipped(StreamEventId Id, string EventName, SkipReason Reason, string? Detail = null) : StreamEvent;

/// <summary>Why a frame was skipped.</summary>
public enum SkipReason
{
    /// <summary>The object is not an indicator (a marking definition, an identity, a relationship, …).</summary>
    NotAnIndicator,

    /// <summary>The indicator's <c>pattern_type</c> is not <c>stix</c> (sigma, yara, …).</summary>
    NotStixPattern,

    /// <summary>The payload is not the JSON OpenCTI sends, or the indicator has no id.</summary>
    Malformed,

    /// <summary>An SSE event name this client does not know.</summary>
    UnknownEvent,
}
