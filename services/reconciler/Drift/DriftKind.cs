namespace Connector.Reconciler.Drift;

/// <summary>How Falcon differs from what the live stream wants, for one IOC.</summary>
public enum DriftKind
{
    /// <summary>Wanted, but Falcon holds no live IOC for it (never created, lost, or deleted by hand).</summary>
    Missing,

    /// <summary>Wanted and present, but Falcon's fields do not satisfy the wanted ones (changed by hand, a missed update).</summary>
    Stale,

    /// <summary>Owned and armed, but no indicator wants it (deleted while the stream was down, history trimmed).</summary>
    Orphan,

    /// <summary>Soft-deleted (<c>TO_DELETE</c>), yet an indicator wants it again.</summary>
    DisarmedDesired,

    /// <summary>Soft-deleted and unwanted for longer than the retention: to delete for good.</summary>
    ExpiredToDelete,

    /// <summary>Wanted, but the value is held by another API client or source; left alone by policy (reported, not repaired).</summary>
    OwnedElsewhere,
}
