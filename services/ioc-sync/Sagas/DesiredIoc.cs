using Connector.Contracts;

namespace Connector.IocSync.Sagas;

/// <summary>What Falcon should hold for an IOC, derived from its claims and the policy.</summary>
/// <param name="Presence">Enforced, disarmed (soft-deleted) or absent.</param>
/// <param name="Fields">The fields for <see cref="AppliedPresence.Enforced"/> and <see cref="AppliedPresence.Disarmed"/>; null when absent.</param>
public sealed record DesiredIoc(AppliedPresence Presence, FalconIocFields? Fields)
{
    /// <summary>Nothing in Falcon.</summary>
    public static readonly DesiredIoc Absent = new(AppliedPresence.Absent, null);
}
