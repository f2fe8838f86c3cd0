using Connector.Contracts;
using MassTransit;

namespace Connector.IocSync.Sagas;

/// <summary>
/// The saga of one IOC (one Falcon type + value): who wants it, what Falcon holds, and the one write in flight.
/// The desired Falcon state is not stored: it is derived from <see cref="Claimants"/> whenever it is needed.
/// </summary>
public sealed class IocSagaState : ISagaVersion
{
    /// <summary>The deterministic id of (<see cref="Type"/>, <see cref="Value"/>): <see cref="IocKey.CorrelationId"/>.</summary>
    public Guid CorrelationId { get; set; }

    /// <summary>Optimistic concurrency version, checked and incremented by the repository.</summary>
    public int Version { get; set; }

    /// <summary>Where the saga stands, one of <see cref="IocSagaStatus"/>; stored for operators and the state gauge.</summary>
    public string CurrentState { get; set; } = string.Empty;

    /// <summary>The IOC type.</summary>
    public IocType Type { get; set; }

    /// <summary>The normalised IOC value.</summary>
    public string Value { get; set; } = string.Empty;

    /// <summary>Every indicator that ever claimed the IOC, with its newest claim (released ones as tombstones).</summary>
    public List<Claimant> Claimants { get; set; } = [];

    /// <summary>What Falcon holds, as last confirmed.</summary>
    public AppliedPresence Applied { get; set; }

    /// <summary>The Falcon id of the IOC while it exists there.</summary>
    public string? FalconId { get; set; }

    /// <summary>The fields Falcon confirmed last; null when <see cref="Applied"/> is <see cref="AppliedPresence.Absent"/>.</summary>
    public FalconIocFields? AppliedFields { get; set; }

    /// <summary>The write in flight, if any (there is never more than one).</summary>
    public Guid? WriteId { get; set; }

    /// <summary>The operation of the write in flight.</summary>
    public SyncOperation? WriteOperation { get; set; }

    /// <summary>The fields the write in flight sets, so a permanent failure can block exactly that write.</summary>
    public FalconIocFields? WriteFields { get; set; }

    /// <summary>When the write in flight was sent; the reconciler re-drives writes stuck for too long.</summary>
    public DateTimeOffset? WriteSentAt { get; set; }

    /// <summary>Transient failures in a row for the current desired state.</summary>
    public int TransientFailures { get; set; }

    /// <summary>
    /// The write that failed for good (invalid, refused, owned elsewhere). It is not sent again until the desired
    /// state changes, so a permanent error costs one API call, not a loop.
    /// </summary>
    public SyncOperation? BlockedOperation { get; set; }

    /// <summary>The fields of <see cref="BlockedOperation"/>.</summary>
    public FalconIocFields? BlockedFields { get; set; }

    /// <summary>
    /// The reconciler asked to delete the IOC for good (a <c>TO_DELETE</c> IOC past its retention) even under the
    /// soft-delete policy. Cleared by the next active claim.
    /// </summary>
    public bool PurgeRequested { get; set; }

    /// <summary>The last failure's reason, for operators.</summary>
    public string? LastFailure { get; set; }

    /// <summary>When the saga last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The IOC this saga owns.</summary>
    public IocKey Key => new(Type, Value);
}
