namespace Connector.Contracts;

/// <summary>The Falcon writer completed a <see cref="SyncIoc"/>: Falcon now holds <see cref="Fields"/> under <see cref="FalconId"/>.</summary>
public sealed record IocSynced
{
    /// <summary>The saga's correlation id.</summary>
    public required Guid CorrelationId { get; init; }

    /// <summary>The <see cref="SyncIoc.WriteId"/> this answers.</summary>
    public required Guid WriteId { get; init; }

    /// <summary>The operation that was performed.</summary>
    public required SyncOperation Operation { get; init; }

    /// <summary>The Falcon id of the IOC; null after a permanent delete.</summary>
    public string? FalconId { get; init; }

    /// <summary>The fields Falcon confirmed; null after a permanent delete.</summary>
    public FalconIocFields? Fields { get; init; }

    /// <summary>True when a create found the value already in Falcon, owned by this connector, and took it over.</summary>
    public bool Adopted { get; init; }

    /// <summary>When Falcon confirmed the write.</summary>
    public required DateTimeOffset CompletedAt { get; init; }
}
