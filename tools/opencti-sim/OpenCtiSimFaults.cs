namespace OpenCtiSim;

/// <summary>
/// Fault switches, changeable while the simulator runs (also through <c>/_sim/faults</c>). Thread-safe.
/// </summary>
public sealed class OpenCtiSimFaults
{
    private int _failStream;
    private int _failGraphQl;
    private int _dropAfterFrames;
    private long _graphQlLatencyTicks;
    private int _rejectTokens;

    /// <summary>The next <paramref name="count"/> <c>GET /stream/{id}</c> requests answer 500.</summary>
    public void FailNextStreamRequests(int count) => Interlocked.Exchange(ref _failStream, Math.Max(0, count));

    /// <summary>The next <paramref name="count"/> <c>POST /graphql</c> requests answer 500.</summary>
    public void FailNextGraphQlRequests(int count) => Interlocked.Exchange(ref _failGraphQl, Math.Max(0, count));

    /// <summary>
    /// When positive, every live connection opened from now on is dropped (TCP reset) after that many frames,
    /// the connected frame included: a way to cut a recovery in the middle. 0 turns it off.
    /// </summary>
    public int DropConnectionsAfterFrames
    {
        get => Volatile.Read(ref _dropAfterFrames);
        set => Volatile.Write(ref _dropAfterFrames, Math.Max(0, value));
    }

    /// <summary>Delay added before every GraphQL answer.</summary>
    public TimeSpan GraphQlLatency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _graphQlLatencyTicks));
        set => Interlocked.Exchange(ref _graphQlLatencyTicks, Math.Max(0, value.Ticks));
    }

    /// <summary>
    /// When true the token is refused everywhere (stream 401, GraphQL <c>AUTH_REQUIRED</c>), as after the user's
    /// token was revoked or rotated in the platform.
    /// </summary>
    public bool RejectTokens
    {
        get => Volatile.Read(ref _rejectTokens) != 0;
        set => Volatile.Write(ref _rejectTokens, value ? 1 : 0);
    }

    /// <summary>Turns every switch off.</summary>
    public void Clear()
    {
        RejectTokens = false;
        FailNextStreamRequests(0);
        FailNextGraphQlRequests(0);
        DropConnectionsAfterFrames = 0;
        GraphQlLatency = TimeSpan.Zero;
    }

    internal bool TakeStreamFailure() => TakeOne(ref _failStream);

    internal bool TakeGraphQlFailure() => TakeOne(ref _failGraphQl);

    private static bool TakeOne(ref int counter)
    {
        while (true)
        {
            var current = Volatile.Read(ref counter);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref counter, current - 1, current) == current)
            {
                return true;
            }
        }
    }
}
