using Connector.Contracts;

namespace Connector.IocSync.Sagas;

/// <summary>
/// One OpenCTI indicator's claim on the IOC, as of its newest message. A released claim is kept (with null
/// <see cref="Attributes"/>) as a tombstone, so an older upsert that arrives late cannot bring the IOC back.
/// </summary>
/// <param name="IndicatorId">The claiming indicator: its OpenCTI internal id, or its STIX id when the message had none.</param>
/// <param name="Version">The version of the newest message applied for this indicator.</param>
/// <param name="Attributes">What the indicator wants, or null once it released the IOC.</param>
public sealed record Claimant(string IndicatorId, DateTimeOffset Version, IndicatorAttributes? Attributes)
{
    /// <summary>True while the indicator wants the IOC.</summary>
    public bool IsActive => Attributes is not null;
}
