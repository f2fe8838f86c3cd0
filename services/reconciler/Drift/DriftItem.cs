using Connector.Contracts;
using Connector.Reconciler.Desired;

namespace Connector.Reconciler.Drift;

/// <summary>One IOC that differs, with what the repair needs.</summary>
/// <param name="Kind">How it differs.</param>
/// <param name="Key">The IOC.</param>
public sealed record DriftItem(DriftKind Kind, IocKey Key)
{
    /// <summary>The Falcon id, when Falcon holds the IOC.</summary>
    public string? FalconId { get; init; }

    /// <summary>What Falcon holds, when it holds the IOC.</summary>
    public FalconIocFields? Falcon { get; init; }

    /// <summary>What the claims want, when any claim can be written.</summary>
    public FalconIocFields? Desired { get; init; }

    /// <summary>The claims on the IOC (empty for orphans).</summary>
    public IReadOnlyList<DesiredClaim> Claims { get; init; } = [];

    /// <summary>Falcon's <c>modified_on</c>, when it holds the IOC.</summary>
    public DateTimeOffset? ModifiedOn { get; init; }

    /// <summary>A readable hint: which fields differ, how many claims, who owns it.</summary>
    public string Detail { get; init; } = "";
}
