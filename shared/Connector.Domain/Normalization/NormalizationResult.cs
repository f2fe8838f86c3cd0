using Connector.Contracts;

namespace Connector.Domain.Normalization;

/// <summary>The outcome of normalising one raw IOC value: the IOC's key, or why the value was rejected.</summary>
public sealed record NormalizationResult
{
    private NormalizationResult()
    {
    }

    /// <summary>True when the value is valid; <see cref="Key"/> then holds it in canonical form.</summary>
    public bool IsOk => Reason is null;

    /// <summary>The normalised IOC (default when rejected).</summary>
    public IocKey Key { get; private init; }

    /// <summary>Null when valid; otherwise a readable reason, e.g. <c>CIDR ranges are not supported</c>.</summary>
    public string? Reason { get; private init; }

    /// <summary>A valid value.</summary>
    public static NormalizationResult Ok(IocKey key) => new() { Key = key };

    /// <summary>An invalid value.</summary>
    public static NormalizationResult Rejected(string reason) => new() { Reason = reason };
}
