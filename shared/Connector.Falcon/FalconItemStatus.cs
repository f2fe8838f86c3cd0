namespace Connector.Falcon;

/// <summary>What happened to one item of a bulk call.</summary>
public enum FalconItemStatus
{
    /// <summary>Falcon applied the item and returned the resulting IOC (for a delete: the id was deleted).</summary>
    Succeeded,

    /// <summary>Falcon refused a create because a non-deleted IOC with the same type and value exists; look it up to adopt it.</summary>
    Duplicate,

    /// <summary>Falcon has no IOC with the item's id.</summary>
    NotFound,

    /// <summary>Falcon refused the item with an error naming it (see <see cref="FalconItemResult{TRequest}.Errors"/>).</summary>
    Failed,

    /// <summary>
    /// Falcon's answer does not tell what happened to the item (a whole-request error, or an item missing from the
    /// answer): the caller must look the value up before trying again.
    /// </summary>
    Unknown,
}
