namespace Connector.Contracts;

/// <summary>
/// One OpenCTI indicator's claim on one IOC changed: it wants the IOC (<see cref="IndicatorChangeKind.Upsert"/>)
/// or no longer does (<see cref="IndicatorChangeKind.Release"/>). Published by stream-ingest and the reconciler;
/// consumed by the IOC's saga, which is correlated by <see cref="IocKey.CorrelationId"/> of (<see cref="Type"/>, <see cref="Value"/>).
/// An indicator whose pattern yields several IOCs publishes one message per IOC.
/// </summary>
public sealed record IndicatorChanged
{
    /// <summary>The STIX id of the indicator (<c>indicator--uuid</c>). It changes when the pattern changes.</summary>
    public required string IndicatorId { get; init; }

    /// <summary>
    /// OpenCTI's internal id of the indicator. It survives pattern changes, so the saga identifies the claimant by
    /// it (and by <see cref="IndicatorId"/> only when it is missing). Stream-ingest and the reconciler always set it.
    /// </summary>
    public string? IndicatorInternalId { get; init; }

    /// <summary>The IOC type.</summary>
    public required IocType Type { get; init; }

    /// <summary>The normalised IOC value.</summary>
    public required string Value { get; init; }

    /// <summary>Whether the indicator wants the IOC or releases it.</summary>
    public required IndicatorChangeKind Change { get; init; }

    /// <summary>The indicator's attributes; required for <see cref="IndicatorChangeKind.Upsert"/>, null for a release.</summary>
    public IndicatorAttributes? Attributes { get; init; }

    /// <summary>
    /// The version of this claim: the stream event's time (from its id), or for the reconciler the indicator's
    /// update time. A message older than the claimant's last version is ignored, so arrival order does not matter.
    /// </summary>
    public required DateTimeOffset Version { get; init; }

    /// <summary>Who produced the change.</summary>
    public required ChangeOrigin Origin { get; init; }

    /// <summary>The live stream event id that carried the change, when it came from the stream (for tracing).</summary>
    public string? StreamEventId { get; init; }

    /// <summary>Why a release happened (<c>deleted</c>, <c>revoked</c>, <c>expired</c>, <c>value-removed</c>, …); free text for logs.</summary>
    public string? Reason { get; init; }

    /// <summary>The IOC this change is about.</summary>
    public IocKey Key => new(Type, Value);
}
