namespace Connector.IocSync.Sagas;

/// <summary>
/// Where an IOC saga stands, derived from its state after every change. The names only show progress (operators,
/// the <c>ioc_sync.sagas</c> gauge); the decisions come from <see cref="IocSyncDecider"/>.
/// </summary>
public static class IocSagaStatus
{
    /// <summary>Falcon matches what the claimants want (or nothing is wanted and nothing is there).</summary>
    public const string InSync = nameof(InSync);

    /// <summary>A write is in flight.</summary>
    public const string Writing = nameof(Writing);

    /// <summary>The needed write failed for good; it waits for a change of desired state or an observation.</summary>
    public const string Blocked = nameof(Blocked);

    /// <summary>The status of <paramref name="saga"/> as it is now.</summary>
    public static string Of(IocSagaState saga)
    {
        ArgumentNullException.ThrowIfNull(saga);
        if (saga.WriteId is not null)
        {
            return Writing;
        }

        return saga.BlockedOperation is not null ? Blocked : InSync;
    }
}
