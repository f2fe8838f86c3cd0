using Connector.Contracts;

namespace Connector.Reconciler.Desired;

/// <summary>One OpenCTI indicator's claim on an IOC, as the live stream would carry it.</summary>
/// <param name="IndicatorId">The indicator's STIX id.</param>
/// <param name="InternalId">OpenCTI's internal id; the saga identifies claimants by it.</param>
/// <param name="Attributes">The indicator's attributes, raw (the Falcon field rules apply them).</param>
/// <param name="Version">The indicator's <c>updated_at</c>: never "now", which would shadow later stream events.</param>
public sealed record DesiredClaim(string IndicatorId, string? InternalId, IndicatorAttributes Attributes, DateTimeOffset Version)
{
    /// <summary>The id the saga keys this claimant by.</summary>
    public string ClaimantId => InternalId ?? IndicatorId;
}
