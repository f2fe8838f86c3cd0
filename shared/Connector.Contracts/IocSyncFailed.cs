namespace Connector.Contracts;

/// <summary>The Falcon writer could not complete a <see cref="SyncIoc"/>.</summary>
public sealed record IocSyncFailed
{
    /// <summary>The saga's correlation id.</summary>
    public required Guid CorrelationId { get; init; }

    /// <summary>The <see cref="SyncIoc.WriteId"/> this answers.</summary>
    public required Guid WriteId { get; init; }

    /// <summary>The operation that failed.</summary>
    public required SyncOperation Operation { get; init; }

    /// <summary>The class of failure.</summary>
    public required SyncFailureKind Kind { get; init; }

    /// <summary>A readable reason, e.g. Falcon's error message or the local rule that was broken. Never holds secrets.</summary>
    public required string Reason { get; init; }

    /// <summary>True when sending the same write later can succeed.</summary>
    public bool Retryable => Kind == SyncFailureKind.Transient;

    /// <summary>When the writer gave up.</summary>
    public required DateTimeOffset FailedAt { get; init; }
}
