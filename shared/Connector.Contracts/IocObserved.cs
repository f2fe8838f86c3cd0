namespace Connector.Contracts;

/// <summary>
/// The reconciler saw what Falcon really holds for an IOC, and it differs from what the saga believes
/// (changed or deleted by hand, or a write whose answer was lost). The saga takes this as its applied state
/// and compares again.
/// </summary>
public sealed record IocObserved
{
    /// <summary>The IOC type.</summary>
    public required IocType Type { get; init; }

    /// <summary>The normalised IOC value.</summary>
    public required string Value { get; init; }

    /// <summary>False when Falcon holds no live (non-deleted) IOC for this value.</summary>
    public required bool Exists { get; init; }

    /// <summary>The Falcon id, when it exists.</summary>
    public string? FalconId { get; init; }

    /// <summary>The fields Falcon holds, when it exists.</summary>
    public FalconIocFields? Fields { get; init; }

    /// <summary>When Falcon was read.</summary>
    public required DateTimeOffset ObservedAt { get; init; }

    /// <summary>The IOC this observation is about.</summary>
    public IocKey Key => new(Type, Value);
}
