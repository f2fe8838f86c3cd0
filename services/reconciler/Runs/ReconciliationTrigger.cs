using System.Threading.Channels;

namespace Connector.Reconciler.Runs;

/// <summary>
/// Requests for an early run. At most one waits: requests that arrive while one is pending merge into it, and a request
/// made during a run makes exactly one more run afterwards (the running one may have listed before the cause).
/// </summary>
public sealed class ReconciliationTrigger
{
    // With FullMode.Wait, TryWrite on the full channel fails at once: that is the merge.
    private readonly Channel<string> _pending = Channel.CreateBounded<string>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    /// <summary>Asks for a run; false when a request was already pending (this one merged into it).</summary>
    public bool Request(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return _pending.Writer.TryWrite(reason);
    }

    internal ChannelReader<string> Pending => _pending.Reader;
}
