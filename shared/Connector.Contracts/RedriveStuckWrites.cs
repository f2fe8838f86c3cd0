namespace Connector.Contracts;

/// <summary>
/// Command to ioc-sync (sent by the reconciler on each run): find sagas whose write has been in flight since before
/// <see cref="SentBefore"/> (its answer was lost) and send them again.
/// </summary>
public sealed record RedriveStuckWrites
{
    /// <summary>Writes sent before this time count as stuck.</summary>
    public required DateTimeOffset SentBefore { get; init; }

    /// <summary>When the reconciler asked.</summary>
    public required DateTimeOffset RequestedAt { get; init; }
}
