using System.Collections.Concurrent;

namespace OpenCtiSim.Platform;

/// <summary>The live counters behind <see cref="OpenCtiSimCounters"/>.</summary>
internal sealed class SimCounters
{
    private readonly ConcurrentDictionary<string, long> _framesByEvent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, long> _streamRequests = new();
    private readonly ConcurrentDictionary<string, long> _graphQl = new(StringComparer.Ordinal);
    private long _connectionsOpened;
    private long _activeConnections;
    private long _framesSent;
    private long _injectedFailures;

    public void ConnectionOpened()
    {
        Interlocked.Increment(ref _connectionsOpened);
        Interlocked.Increment(ref _activeConnections);
    }

    public void ConnectionClosed() => Interlocked.Decrement(ref _activeConnections);

    public void FrameSent(string eventName)
    {
        Interlocked.Increment(ref _framesSent);
        _framesByEvent.AddOrUpdate(eventName, 1, static (_, n) => n + 1);
    }

    public void StreamRequest(int status) => _streamRequests.AddOrUpdate(status, 1, static (_, n) => n + 1);

    public void GraphQlCall(string operation) => _graphQl.AddOrUpdate(operation, 1, static (_, n) => n + 1);

    public void FailureInjected() => Interlocked.Increment(ref _injectedFailures);

    public OpenCtiSimCounters Snapshot() => new(
        Interlocked.Read(ref _connectionsOpened),
        Interlocked.Read(ref _activeConnections),
        Interlocked.Read(ref _framesSent),
        new Dictionary<string, long>(_framesByEvent, StringComparer.Ordinal),
        new Dictionary<int, long>(_streamRequests),
        new Dictionary<string, long>(_graphQl, StringComparer.Ordinal),
        Interlocked.Read(ref _injectedFailures));
}
