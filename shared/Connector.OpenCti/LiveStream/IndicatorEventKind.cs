namespace Connector.OpenCti.LiveStream;

/// <summary>
/// The SSE event name of a frame, which is what decides its meaning — not the payload's <c>type</c>: an update
/// that brings an object into the stream's filter arrives as <see cref="Create"/>, one that takes it out as
/// <see cref="Delete"/>.
/// </summary>
public enum IndicatorEventKind
{
    /// <summary>The indicator is (now) in the stream: created, recovered, or updated into the filter.</summary>
    Create,

    /// <summary>The indicator changed and is still in the stream.</summary>
    Update,

    /// <summary>The indicator left the stream: deleted, or updated out of the filter.</summary>
    Delete,

    /// <summary>Other indicators were merged into this one; they are gone (see <see cref="IndicatorEvent.MergedSources"/>).</summary>
    Merge,
}
