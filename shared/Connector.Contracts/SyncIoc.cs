namespace Connector.Contracts;

/// <summary>
/// Command from an IOC's saga to the Falcon writer: make Falcon hold <see cref="Fields"/> for this IOC
/// (or delete it). The saga has at most one of these in flight; the writer's answer, an <see cref="IocSynced"/> or
/// <see cref="IocSyncFailed"/> carrying the same <see cref="WriteId"/>, is applied to the saga in the writer's own
/// process (the saga queue still accepts it as a message, which is how earlier versions sent it).
/// </summary>
public sealed record SyncIoc
{
    /// <summary>The saga's correlation id (<see cref="IocKey.CorrelationId"/>).</summary>
    public required Guid CorrelationId { get; init; }

    /// <summary>Identifies this write, so a late answer to an older write is recognised and ignored.</summary>
    public required Guid WriteId { get; init; }

    /// <summary>The write to perform.</summary>
    public required SyncOperation Operation { get; init; }

    /// <summary>The IOC type.</summary>
    public required IocType Type { get; init; }

    /// <summary>The normalised IOC value.</summary>
    public required string Value { get; init; }

    /// <summary>The Falcon id, when the saga knows it (always for update, disarm and delete).</summary>
    public string? FalconId { get; init; }

    /// <summary>The fields Falcon must hold after the write; null for <see cref="SyncOperation.Delete"/>.</summary>
    public FalconIocFields? Fields { get; init; }

    /// <summary>The IOC this command is about.</summary>
    public IocKey Key => new(Type, Value);
}
