namespace Connector.Reconciler.Repair;

/// <summary>
/// Holds repair messages to a rate: message n leaves no earlier than n / rate seconds after the first, in chunks
/// of about a tenth of a second's worth (sent together), so any window of t seconds carries at most rate × t + one chunk.
/// </summary>
internal sealed class RepairPacer
{
    private readonly double _ratePerSecond;
    private readonly TimeProvider _time;
    private readonly long _start;
    private long _granted;

    public RepairPacer(double ratePerSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        _ratePerSecond = ratePerSecond;
        _time = time;
        _start = time.GetTimestamp();
        ChunkSize = (int)Math.Clamp(ratePerSecond / 10, 1, 64);
    }

    /// <summary>Messages sent together.</summary>
    public int ChunkSize { get; }

    /// <summary>Waits until <paramref name="count"/> more messages may leave.</summary>
    public async Task WaitAsync(int count, CancellationToken cancellationToken)
    {
        var due = TimeSpan.FromSeconds(_granted / _ratePerSecond);
        var elapsed = _time.GetElapsedTime(_start);
        if (due > elapsed)
        {
            await Task.Delay(due - elapsed, _time, cancellationToken);
        }

        _granted += count;
    }
}
