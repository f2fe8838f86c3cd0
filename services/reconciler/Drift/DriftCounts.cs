namespace Connector.Reconciler.Drift;

/// <summary>How many IOCs differ, by kind.</summary>
public sealed record DriftCounts
{
    public int Missing { get; init; }

    public int Stale { get; init; }

    public int Orphan { get; init; }

    public int DisarmedDesired { get; init; }

    public int ExpiredToDelete { get; init; }

    public int OwnedElsewhere { get; init; }

    /// <summary>Drift the reconciler repairs (every kind but <see cref="OwnedElsewhere"/>): non-zero means Falcon is out of step.</summary>
    public int Total => Missing + Stale + Orphan + DisarmedDesired + ExpiredToDelete;

    /// <summary>The count of one kind.</summary>
    public int Of(DriftKind kind) => kind switch
    {
        DriftKind.Missing => Missing,
        DriftKind.Stale => Stale,
        DriftKind.Orphan => Orphan,
        DriftKind.DisarmedDesired => DisarmedDesired,
        DriftKind.ExpiredToDelete => ExpiredToDelete,
        DriftKind.OwnedElsewhere => OwnedElsewhere,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Counts <paramref name="items"/> by kind.</summary>
    public static DriftCounts Of(IEnumerable<DriftItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var counts = new int[DriftKinds.All.Count];
        foreach (var item in items)
        {
            counts[(int)item.Kind]++;
        }

        return new DriftCounts
        {
            Missing = counts[(int)DriftKind.Missing],
            Stale = counts[(int)DriftKind.Stale],
            Orphan = counts[(int)DriftKind.Orphan],
            DisarmedDesired = counts[(int)DriftKind.DisarmedDesired],
            ExpiredToDelete = counts[(int)DriftKind.ExpiredToDelete],
            OwnedElsewhere = counts[(int)DriftKind.OwnedElsewhere],
        };
    }
}
