namespace FalconSim.Limits;

/// <summary>
/// A sliding 60-second window of admitted requests: a request is admitted while fewer than the limit were
/// admitted in the last 60 s. Rejected requests do not count.
/// </summary>
internal sealed class SlidingWindow(TimeProvider time)
{
    private static readonly TimeSpan Width = TimeSpan.FromSeconds(60);
    private readonly Queue<DateTimeOffset> admitted = new();
    private readonly Lock gate = new();

    /// <summary>Admits one request if the window has room.</summary>
    /// <returns>Whether it was admitted, the room left after it, and when the oldest admission leaves the window.</returns>
    public WindowDecision TryAdmit(int limit)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            Evict(now);
            if (admitted.Count >= limit)
            {
                return new WindowDecision(false, 0, admitted.Count > 0 ? admitted.Peek() + Width : now);
            }

            admitted.Enqueue(now);
            return new WindowDecision(true, Math.Max(0, limit - admitted.Count), admitted.Peek() + Width);
        }
    }

    /// <summary>Records one event without a limit (for counting bad tokens).</summary>
    public int Record()
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            Evict(now);
            admitted.Enqueue(now);
            return admitted.Count;
        }
    }

    /// <summary>Admissions in the last 60 s, and when the oldest leaves the window.</summary>
    public (int Count, DateTimeOffset OldestLeavesAt) Peek()
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            Evict(now);
            return (admitted.Count, admitted.Count > 0 ? admitted.Peek() + Width : now);
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            admitted.Clear();
        }
    }

    private void Evict(DateTimeOffset now)
    {
        while (admitted.Count > 0 && admitted.Peek() + Width <= now)
        {
            admitted.Dequeue();
        }
    }
}

/// <summary>The outcome of <see cref="SlidingWindow.TryAdmit"/>.</summary>
internal readonly record struct WindowDecision(bool Admitted, int Remaining, DateTimeOffset RetryAt);
