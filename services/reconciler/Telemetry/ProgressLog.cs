namespace Connector.Reconciler.Telemetry;

/// <summary>Paces progress lines of a long listing: one every <see cref="Every"/> at most.</summary>
internal sealed class ProgressLog(TimeProvider time)
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(10);

    private long _last = time.GetTimestamp();

    /// <summary>True when a progress line is due (and starts the next period).</summary>
    public bool IsDue()
    {
        if (time.GetElapsedTime(_last) < Every)
        {
            return false;
        }

        _last = time.GetTimestamp();
        return true;
    }
}
