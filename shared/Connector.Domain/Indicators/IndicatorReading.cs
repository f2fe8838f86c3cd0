using Connector.Domain.Falcon;

namespace Connector.Domain.Indicators;

/// <summary>What one indicator means for Falcon.</summary>
/// <param name="IndicatorId">The indicator's STIX id.</param>
/// <param name="Claims">The valid IOCs its pattern names (distinct by key), each with the indicator's attributes.
/// Filled even when the indicator is released, so the caller knows which IOCs to release.</param>
/// <param name="Skipped">What its pattern names that yields no IOC.</param>
/// <param name="ReleaseReason">Null when the indicator wants its IOCs; <c>revoked</c> or <c>expired</c> when it releases them.</param>
public sealed record IndicatorReading(
    string IndicatorId, IReadOnlyList<IocClaim> Claims, IReadOnlyList<SkippedIoc> Skipped, string? ReleaseReason)
{
    /// <summary>Reason for a revoked indicator.</summary>
    public const string RevokedReason = "revoked";

    /// <summary>Reason for an indicator past its <c>valid_until</c>.</summary>
    public const string ExpiredReason = FalconFieldRules.ExpiredReason;

    /// <summary>True when the indicator wants its IOCs (Upsert); false when it releases them.</summary>
    public bool IsWanted => ReleaseReason is null;
}
