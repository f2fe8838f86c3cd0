using Connector.Domain.Falcon;
using Microsoft.Extensions.Configuration;

namespace Connector.Hosting.Settings;

/// <summary>
/// The user's choices for the IOCs written to Falcon, from section <c>crowdstrike</c> (<c>CROWDSTRIKE_*</c>).
/// The API credentials of that section belong to <c>Connector.Falcon</c>'s own settings and are not repeated here.
/// <see cref="DefaultSeverity"/> and <see cref="SoftDeleteAction"/> are additions to the Python connector's settings.
/// </summary>
public sealed class IocPolicyOptions : IConnectorSettings
{
    /// <summary>Actions Falcon accepts for IP address and domain IOCs.</summary>
    public static IReadOnlyList<string> NetworkActions { get; } = ["no_action", "detect"];

    /// <summary>Actions Falcon accepts for hash IOCs.</summary>
    public static IReadOnlyList<string> HashActions { get; } = ["no_action", "allow", "detect", "prevent"];

    /// <summary>Falcon's severities.</summary>
    public static IReadOnlyList<string> Severities { get; } = ["informational", "low", "medium", "high", "critical"];

    /// <summary>Values of <see cref="SoftDeleteAction"/>.</summary>
    public static IReadOnlyList<string> SoftDeleteActions { get; } = ["no_action", "keep"];

    /// <inheritdoc />
    public static string SectionName => "crowdstrike";

    /// <summary>Action for IPv4/IPv6 IOCs (<c>CROWDSTRIKE_ACTION_ON_IP</c>): <c>no_action</c> or <c>detect</c>.</summary>
    [ConfigurationKeyName("action_on_ip")]
    public string ActionOnIp { get; set; } = "detect";

    /// <summary>Action for domain IOCs (<c>CROWDSTRIKE_ACTION_ON_DOMAIN</c>): <c>no_action</c> or <c>detect</c>.</summary>
    [ConfigurationKeyName("action_on_domain")]
    public string ActionOnDomain { get; set; } = "detect";

    /// <summary>Action for MD5/SHA-256 IOCs (<c>CROWDSTRIKE_ACTION_ON_HASH</c>): <c>no_action</c>, <c>allow</c>, <c>detect</c> or <c>prevent</c>.</summary>
    [ConfigurationKeyName("action_on_hash")]
    public string ActionOnHash { get; set; } = "detect";

    /// <summary>The tenant has Falcon for Mobile, so <c>android</c>/<c>ios</c> platforms are sent (<c>CROWDSTRIKE_FALCON_FOR_MOBILE_ACTIVE</c>).</summary>
    [ConfigurationKeyName("falcon_for_mobile_active")]
    public bool FalconForMobileActive { get; set; }

    /// <summary>Delete IOCs in Falcon instead of the soft delete (<c>CROWDSTRIKE_PERMANENT_DELETE</c>); needs listen-delete.</summary>
    [ConfigurationKeyName("permanent_delete")]
    public bool PermanentDelete { get; set; }

    /// <summary>Severity of IOCs whose indicator has no score (<c>CROWDSTRIKE_DEFAULT_SEVERITY</c>, new).</summary>
    [ConfigurationKeyName("default_severity")]
    public string DefaultSeverity { get; set; } = "medium";

    /// <summary>
    /// What a soft delete does besides the <c>TO_DELETE</c> tag (<c>CROWDSTRIKE_SOFT_DELETE_ACTION</c>, new):
    /// <c>no_action</c> (default) disarms the IOC; <c>keep</c> leaves its action as it was, like the Python connector.
    /// </summary>
    [ConfigurationKeyName("soft_delete_action")]
    public string SoftDeleteAction { get; set; } = "no_action";

    /// <summary>The domain policy these settings describe (values lowercased; call after validation).</summary>
    public IocPolicy ToPolicy() => new()
    {
        ActionOnIp = Normalize(ActionOnIp),
        ActionOnDomain = Normalize(ActionOnDomain),
        ActionOnHash = Normalize(ActionOnHash),
        FalconForMobileActive = FalconForMobileActive,
        PermanentDelete = PermanentDelete,
        DefaultSeverity = Normalize(DefaultSeverity),
        SoftDeleteDisarms = !string.Equals(Normalize(SoftDeleteAction), "keep", StringComparison.Ordinal),
    };

    internal static string Normalize(string value) => value.Trim().ToLowerInvariant();
}
