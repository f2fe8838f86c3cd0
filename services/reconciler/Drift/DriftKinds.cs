namespace Connector.Reconciler.Drift;

/// <summary>Names and meanings of <see cref="DriftKind"/> for reports.</summary>
public static class DriftKinds
{
    /// <summary>Every kind, in report order.</summary>
    public static IReadOnlyList<DriftKind> All { get; } = Enum.GetValues<DriftKind>();

    /// <summary>The kind's name in reports, metrics and tables, e.g. <c>disarmed-desired</c>.</summary>
    public static string Name(this DriftKind kind) => kind switch
    {
        DriftKind.Missing => "missing",
        DriftKind.Stale => "stale",
        DriftKind.Orphan => "orphan",
        DriftKind.DisarmedDesired => "disarmed-desired",
        DriftKind.ExpiredToDelete => "expired-to-delete",
        DriftKind.OwnedElsewhere => "owned-elsewhere",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>True for the kinds the reconciler repairs; <see cref="DriftKind.OwnedElsewhere"/> is only reported.</summary>
    public static bool IsRepaired(this DriftKind kind) => kind != DriftKind.OwnedElsewhere;

    /// <summary>The repair, in words, for the table.</summary>
    public static string Repair(this DriftKind kind) => kind switch
    {
        DriftKind.Missing => "IocObserved(absent) + IndicatorChanged upsert per claim",
        DriftKind.Stale => "IocObserved + IndicatorChanged upsert per claim",
        DriftKind.Orphan => "IocOrphaned",
        DriftKind.DisarmedDesired => "IocObserved + IndicatorChanged upsert per claim",
        DriftKind.ExpiredToDelete => "IocOrphaned (purge)",
        DriftKind.OwnedElsewhere => "none: another API client owns the value",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
