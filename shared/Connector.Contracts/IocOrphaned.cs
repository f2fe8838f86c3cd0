namespace Connector.Contracts;

/// <summary>
/// The reconciler found an IOC of this connector in Falcon that no OpenCTI indicator wants any more (its indicator
/// was deleted while the stream was down, or its history was trimmed). The saga releases every claimant older than
/// <see cref="ObservedAt"/>, so the IOC is disarmed or deleted as the delete policy says.
/// </summary>
public sealed record IocOrphaned
{
    /// <summary>The IOC type.</summary>
    public required IocType Type { get; init; }

    /// <summary>The normalised IOC value.</summary>
    public required string Value { get; init; }

    /// <summary>The Falcon id of the IOC.</summary>
    public string? FalconId { get; init; }

    /// <summary>The fields Falcon holds.</summary>
    public FalconIocFields? Fields { get; init; }

    /// <summary>
    /// Delete the IOC permanently even under the soft-delete policy: a <c>TO_DELETE</c> IOC kept past its retention.
    /// </summary>
    public bool Purge { get; init; }

    /// <summary>When the reconciler listed OpenCTI and Falcon; claims newer than this are kept.</summary>
    public required DateTimeOffset ObservedAt { get; init; }

    /// <summary>The IOC this message is about.</summary>
    public IocKey Key => new(Type, Value);
}
