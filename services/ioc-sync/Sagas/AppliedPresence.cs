namespace Connector.IocSync.Sagas;

/// <summary>What Falcon holds for the IOC, as last confirmed.</summary>
public enum AppliedPresence
{
    /// <summary>Nothing of ours: never created, permanently deleted, or seen missing.</summary>
    Absent,

    /// <summary>Present with the fields the claimants want.</summary>
    Enforced,

    /// <summary>Soft-deleted: present, tagged <c>TO_DELETE</c> and (by default) set to <c>no_action</c>.</summary>
    Disarmed,
}
