using Connector.Contracts;

namespace Connector.Domain.Falcon;

/// <summary>
/// The user's choices that shape every IOC written to Falcon. Built from the <c>CROWDSTRIKE_*</c> settings
/// (see <c>Connector.Hosting</c>), which validate it at start; the rules take it as given.
/// </summary>
public sealed record IocPolicy
{
    /// <summary>The <c>source</c> the Python connector wrote and this connector keeps writing, so IOCs stay recognisable.</summary>
    public const string DefaultSource = "OpenCTI IOC";

    /// <summary>Action for <c>ipv4</c>/<c>ipv6</c> IOCs (<c>CROWDSTRIKE_ACTION_ON_IP</c>): <c>no_action</c> or <c>detect</c>.</summary>
    public string ActionOnIp { get; init; } = "detect";

    /// <summary>Action for <c>domain</c> IOCs (<c>CROWDSTRIKE_ACTION_ON_DOMAIN</c>): <c>no_action</c> or <c>detect</c>.</summary>
    public string ActionOnDomain { get; init; } = "detect";

    /// <summary>Action for hash IOCs (<c>CROWDSTRIKE_ACTION_ON_HASH</c>): <c>no_action</c>, <c>allow</c>, <c>detect</c> or <c>prevent</c>.</summary>
    public string ActionOnHash { get; init; } = "detect";

    /// <summary>Whether the tenant has Falcon for Mobile, which allows the <c>android</c> and <c>ios</c> platforms.</summary>
    public bool FalconForMobileActive { get; init; }

    /// <summary>Severity when an indicator has no score (the Python connector sent null, which Falcon refuses).</summary>
    public string DefaultSeverity { get; init; } = "medium";

    /// <summary>
    /// When the last claimant goes and <see cref="PermanentDelete"/> is false: true (default) tags the IOC
    /// <c>TO_DELETE</c> and sets its action to <c>no_action</c>; false keeps the Python connector's tag-only
    /// behaviour, which leaves the IOC detecting or preventing.
    /// </summary>
    public bool SoftDeleteDisarms { get; init; } = true;

    /// <summary>Delete IOCs in Falcon instead of the soft delete (<c>CROWDSTRIKE_PERMANENT_DELETE</c>).</summary>
    public bool PermanentDelete { get; init; }

    /// <summary>The <c>source</c> written on every IOC.</summary>
    public string Source { get; init; } = DefaultSource;

    /// <summary>The action configured for an IOC type.</summary>
    public string ActionFor(IocType type) => type switch
    {
        IocType.Ipv4 or IocType.Ipv6 => ActionOnIp,
        IocType.Domain => ActionOnDomain,
        _ => ActionOnHash,
    };
}
