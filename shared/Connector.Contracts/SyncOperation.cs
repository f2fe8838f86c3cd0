namespace Connector.Contracts;

/// <summary>The write a saga asks of the Falcon writer.</summary>
public enum SyncOperation
{
    /// <summary>Create the IOC (adopting an existing one of ours with the same value).</summary>
    Create,

    /// <summary>Update the fields of the IOC with <see cref="SyncIoc.FalconId"/>.</summary>
    Update,

    /// <summary>Soft delete: keep the IOC, tag it <c>TO_DELETE</c> and (by default) set its action to <c>no_action</c>.</summary>
    Disarm,

    /// <summary>Permanently delete the IOC with <see cref="SyncIoc.FalconId"/>.</summary>
    Delete,
}
