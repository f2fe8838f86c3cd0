namespace OpenCtiSim;

/// <summary>A snapshot of what the simulator served, for tests and the benchmark.</summary>
/// <param name="ConnectionsOpened">Live stream connections that got a 200.</param>
/// <param name="ActiveConnections">Live stream connections open now.</param>
/// <param name="FramesSent">Every SSE frame written, connected and heartbeats included.</param>
/// <param name="FramesByEvent">Frames by SSE event name.</param>
/// <param name="StreamRequestsByStatus">Stream requests by HTTP status code.</param>
/// <param name="GraphQlCalls">GraphQL root fields called, by name (<c>pingConnector</c>, <c>indicators</c>, ...).</param>
/// <param name="InjectedFailures">Requests answered with an injected 500.</param>
public sealed record OpenCtiSimCounters(
    long ConnectionsOpened,
    long ActiveConnections,
    long FramesSent,
    IReadOnlyDictionary<string, long> FramesByEvent,
    IReadOnlyDictionary<int, long> StreamRequestsByStatus,
    IReadOnlyDictionary<string, long> GraphQlCalls,
    long InjectedFailures)
{
    /// <summary>How many times a GraphQL root field was called (0 when never).</summary>
    public long GraphQlCallsOf(string operation) => GraphQlCalls.TryGetValue(operation, out var n) ? n : 0;

    /// <summary>How many frames of an SSE event name were sent (0 when none).</summary>
    public long FramesOf(string eventName) => FramesByEvent.TryGetValue(eventName, out var n) ? n : 0;
}
