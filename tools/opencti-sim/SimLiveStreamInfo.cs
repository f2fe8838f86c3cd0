namespace OpenCtiSim;

/// <summary>A live stream ("Data sharing → Live streams"): an id, a name and a FilterGroup.</summary>
/// <param name="Id">The stream id used in <c>/stream/{id}</c>.</param>
/// <param name="Name">The name shown in the UI.</param>
/// <param name="Filters">The FilterGroup as the JSON string OpenCTI stores (and <c>streamCollection</c> returns).</param>
/// <param name="Status">Running, stopped (410) or deleted (401).</param>
/// <param name="Public">Whether the stream is public (<c>stream_public</c>).</param>
public sealed record SimLiveStreamInfo(string Id, string Name, string Filters, LiveStreamStatus Status, bool Public = false);

/// <summary>The states of a live stream that change how <c>GET /stream/{id}</c> answers.</summary>
public enum LiveStreamStatus
{
    /// <summary>Started: the stream answers 200.</summary>
    Running,

    /// <summary>Exists but stopped: 410.</summary>
    Stopped,

    /// <summary>Deleted: 401, like an unknown stream (and <c>streamCollection</c> returns null).</summary>
    Deleted,
}
