using Connector.Contracts;

namespace Connector.Reconciler.Repair;

/// <summary>Repair messages sent in a run, by message type.</summary>
public sealed record RepairCounts
{
    /// <summary>Nothing sent (a dry run).</summary>
    public static RepairCounts None { get; } = new();

    public int IndicatorChanged { get; init; }

    public int IocObserved { get; init; }

    public int IocOrphaned { get; init; }

    public int RedriveStuckWrites { get; init; }

    /// <summary>Every message sent.</summary>
    public int Total => IndicatorChanged + IocObserved + IocOrphaned + RedriveStuckWrites;
}

/// <summary>Counts messages as they are confirmed, so a run that fails half-way still reports what went out.</summary>
internal sealed class RepairTally
{
    private int _indicatorChanged;
    private int _iocObserved;
    private int _iocOrphaned;
    private int _redrive;

    public void Sent(object message)
    {
        switch (message)
        {
            case IndicatorChanged:
                Interlocked.Increment(ref _indicatorChanged);
                break;
            case IocObserved:
                Interlocked.Increment(ref _iocObserved);
                break;
            case IocOrphaned:
                Interlocked.Increment(ref _iocOrphaned);
                break;
            case RedriveStuckWrites:
                Interlocked.Increment(ref _redrive);
                break;
        }
    }

    public RepairCounts ToCounts() => new()
    {
        IndicatorChanged = Volatile.Read(ref _indicatorChanged),
        IocObserved = Volatile.Read(ref _iocObserved),
        IocOrphaned = Volatile.Read(ref _iocOrphaned),
        RedriveStuckWrites = Volatile.Read(ref _redrive),
    };
}
