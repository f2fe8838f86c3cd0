namespace Connector.Contracts;

/// <summary>
/// Command to one IOC's saga: the write <see cref="WriteId"/> is stuck; forget it and compare desired with applied again.
/// Ignored when that write is no longer the one in flight.
/// </summary>
public sealed record RedriveIoc
{
    /// <summary>The saga's correlation id.</summary>
    public required Guid CorrelationId { get; init; }

    /// <summary>The stuck write.</summary>
    public required Guid WriteId { get; init; }
}
