using System.Collections.Concurrent;

namespace OpenCtiSim.Platform;

/// <summary>The open live stream connections, so a test can drop them all at once.</summary>
internal sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _open = new(StringComparer.Ordinal);

    public int Count => _open.Count;

    /// <summary>Registers a connection; cancelling <paramref name="drop"/> tells it to cut the socket.</summary>
    public void Add(string connectionId, CancellationTokenSource drop) => _open[connectionId] = drop;

    public void Remove(string connectionId) => _open.TryRemove(connectionId, out _);

    public int DropAll()
    {
        var dropped = 0;
        foreach (var (id, drop) in _open)
        {
            if (_open.TryRemove(id, out _))
            {
                try
                {
                    drop.Cancel();
                    dropped++;
                }
                catch (ObjectDisposedException)
                {
                    // The connection ended on its own meanwhile.
                }
            }
        }

        return dropped;
    }
}
