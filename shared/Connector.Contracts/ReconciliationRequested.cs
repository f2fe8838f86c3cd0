namespace Connector.Contracts;

/// <summary>
/// Something may have been missed (e.g. the live stream's history was trimmed past the saved position, or the
/// connector state was reset): the reconciler should compare OpenCTI with Falcon now rather than at its next interval.
/// </summary>
public sealed record ReconciliationRequested
{
    /// <summary>Why, for logs and the report (e.g. <c>history-trimmed</c>).</summary>
    public required string Reason { get; init; }

    /// <summary>When it was requested.</summary>
    public required DateTimeOffset RequestedAt { get; init; }
}
