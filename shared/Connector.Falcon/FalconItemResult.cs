namespace Connector.Falcon;

/// <summary>The outcome of one item of a bulk call.</summary>
/// <typeparam name="TRequest">The item as the caller sent it.</typeparam>
/// <param name="Request">The item as the caller sent it.</param>
/// <param name="Status">What happened to it.</param>
public sealed record FalconItemResult<TRequest>(TRequest Request, FalconItemStatus Status)
{
    /// <summary>The IOC as Falcon holds it after the call, for <see cref="FalconItemStatus.Succeeded"/> creates and updates.</summary>
    public FalconIoc? Ioc { get; init; }

    /// <summary>
    /// Falcon's errors about this item; for <see cref="FalconItemStatus.Unknown"/>, the request-level errors that
    /// left it undecided.
    /// </summary>
    public IReadOnlyList<FalconApiError> Errors { get; init; } = [];

    /// <summary>The HTTP status of the request that carried the item.</summary>
    public int HttpStatus { get; init; }

    /// <summary>Falcon's messages joined, for logs and failure reasons; null without errors.</summary>
    public string? ErrorMessage => Errors.Count == 0 ? null : string.Join("; ", Errors.Select(e => e.Message));
}
