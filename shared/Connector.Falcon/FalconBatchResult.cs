namespace Connector.Falcon;

/// <summary>The outcome of a bulk call, one entry per item in the order the items were given.</summary>
/// <typeparam name="TRequest">The item as the caller sent it.</typeparam>
/// <param name="Items">One outcome per item.</param>
public sealed record FalconBatchResult<TRequest>(IReadOnlyList<FalconItemResult<TRequest>> Items)
{
    /// <summary>Items Falcon applied.</summary>
    public IEnumerable<FalconItemResult<TRequest>> Succeeded => With(FalconItemStatus.Succeeded);

    /// <summary>Creates refused because the value exists.</summary>
    public IEnumerable<FalconItemResult<TRequest>> Duplicates => With(FalconItemStatus.Duplicate);

    /// <summary>Items whose id Falcon does not know.</summary>
    public IEnumerable<FalconItemResult<TRequest>> NotFound => With(FalconItemStatus.NotFound);

    /// <summary>Items Falcon refused with an error of their own.</summary>
    public IEnumerable<FalconItemResult<TRequest>> Failed => With(FalconItemStatus.Failed);

    /// <summary>Items whose fate Falcon's answer does not tell; look them up before retrying.</summary>
    public IEnumerable<FalconItemResult<TRequest>> Unknown => With(FalconItemStatus.Unknown);

    /// <summary>True when every item succeeded.</summary>
    public bool AllSucceeded => Items.All(i => i.Status == FalconItemStatus.Succeeded);

    private IEnumerable<FalconItemResult<TRequest>> With(FalconItemStatus status) => Items.Where(i => i.Status == status);
}
