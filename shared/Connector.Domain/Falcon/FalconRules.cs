using System.Globalization;
using Connector.Contracts;
using Connector.Domain.Normalization;

namespace Connector.Domain.Falcon;

/// <summary>
/// Falcon's validation rules (specs/falcon-ioc-api.md §4), for the configuration layer (which settings are
/// allowed) and for the writer (validate each item locally so one bad item never fails a batch). Values are
/// compared exactly (ordinal), as Falcon spells them.
/// </summary>
public static class FalconRules
{
    private static readonly IReadOnlyList<string> IpAndDomainSettingActions = [FalconActions.NoAction, FalconActions.Detect];

    private static readonly IReadOnlyList<string> HashSettingActions =
        [FalconActions.NoAction, FalconActions.Allow, FalconActions.Detect, FalconActions.Prevent];

    /// <summary>Whether Falcon accepts <paramref name="action"/> on an IOC of <paramref name="type"/>: all five for hashes; <c>no_action</c> and <c>detect</c> otherwise.</summary>
    public static bool IsActionAllowed(IocType type, string? action) =>
        action is not null && Contains(type.IsHash() ? FalconActions.All : FalconActions.ForEveryType, action);

    /// <summary>Whether <paramref name="mobileAction"/> is a Falcon mobile action.</summary>
    public static bool IsMobileActionAllowed(string? mobileAction) =>
        mobileAction is not null && Contains(FalconMobileActions.All, mobileAction);

    /// <summary>Whether <paramref name="severity"/> is a Falcon severity.</summary>
    public static bool IsSeverity(string? severity) => FalconSeverities.Rank(severity) >= 0;

    /// <summary>Whether <paramref name="platform"/> is a Falcon platform (android and ios only with Falcon for Mobile).</summary>
    public static bool IsPlatformAllowed(string? platform, bool falconForMobileActive) =>
        platform is not null
        && Contains(FalconPlatforms.All, platform)
        && (falconForMobileActive || !Contains(FalconPlatforms.Mobile, platform));

    /// <summary>
    /// The actions the per-type settings accept, as the Python connector documented them (narrower than Falcon):
    /// <c>CROWDSTRIKE_ACTION_ON_IP</c>/<c>_ON_DOMAIN</c>: no_action, detect; <c>CROWDSTRIKE_ACTION_ON_HASH</c>:
    /// no_action, allow, detect, prevent.
    /// </summary>
    public static IReadOnlyList<string> SettingActionsFor(IocType type) =>
        type.IsHash() ? HashSettingActions : IpAndDomainSettingActions;

    /// <summary>Whether a per-type setting may hold <paramref name="action"/>; see <see cref="SettingActionsFor"/>.</summary>
    public static bool IsSettingActionAllowed(IocType type, string? action) =>
        action is not null && Contains(SettingActionsFor(type), action);

    /// <summary>
    /// Checks a policy built from configuration; each message names the setting and what it accepts. Empty when valid.
    /// </summary>
    public static IReadOnlyList<string> ValidatePolicy(IocPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var errors = new List<string>();
        CheckSetting(errors, "CROWDSTRIKE_ACTION_ON_IP", policy.ActionOnIp, SettingActionsFor(IocType.Ipv4));
        CheckSetting(errors, "CROWDSTRIKE_ACTION_ON_DOMAIN", policy.ActionOnDomain, SettingActionsFor(IocType.Domain));
        CheckSetting(errors, "CROWDSTRIKE_ACTION_ON_HASH", policy.ActionOnHash, SettingActionsFor(IocType.Sha256));
        CheckSetting(errors, nameof(IocPolicy.DefaultSeverity), policy.DefaultSeverity, FalconSeverities.All);
        if (string.IsNullOrWhiteSpace(policy.Source))
        {
            errors.Add($"{nameof(IocPolicy.Source)} must not be empty (default '{IocPolicy.DefaultSource}').");
        }
        else if (policy.Source.Length > FalconLimits.MaxSourceLength)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture,
                $"{nameof(IocPolicy.Source)} must be at most {FalconLimits.MaxSourceLength} characters, got {policy.Source.Length}."));
        }

        return errors;
    }

    /// <summary>
    /// Checks one IOC as Falcon would before it is sent: a normalised valid value, an action allowed for the type,
    /// a known mobile action, a known severity, non-empty known platforms (mobile ones only with Falcon for Mobile),
    /// source and description within 200 characters. Empty when valid. The expiration is not checked: whether Falcon
    /// refuses a past date is unconfirmed, and an IOC that already expired must still be updatable (e.g. disarmed).
    /// </summary>
    public static IReadOnlyList<string> Validate(IocKey key, FalconIocFields fields, bool falconForMobileActive)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var errors = new List<string>();

        var normalized = IocNormalizer.TryNormalize(key.Type, key.Value);
        if (!normalized.IsOk)
        {
            errors.Add($"value is not a valid {key.FalconType}: {normalized.Reason}");
        }
        else if (!string.Equals(normalized.Key.Value, key.Value, StringComparison.Ordinal))
        {
            errors.Add($"value is not in normalised form (expected '{normalized.Key.Value}')");
        }

        if (!IsActionAllowed(key.Type, fields.Action))
        {
            errors.Add(Contains(FalconActions.All, fields.Action ?? string.Empty)
                ? $"action '{fields.Action}' is allowed for hashes only"
                : $"action '{fields.Action}' is not one of: {string.Join(", ", FalconActions.All)}");
        }

        if (!IsMobileActionAllowed(fields.MobileAction))
        {
            errors.Add($"mobile_action '{fields.MobileAction}' is not one of: {string.Join(", ", FalconMobileActions.All)}");
        }

        if (string.IsNullOrEmpty(fields.Severity))
        {
            errors.Add("severity is required");
        }
        else if (!IsSeverity(fields.Severity))
        {
            errors.Add($"severity '{fields.Severity}' is not one of: {string.Join(", ", FalconSeverities.All)}");
        }

        if (fields.Platforms is not { Count: > 0 })
        {
            errors.Add("platforms must not be empty");
        }
        else
        {
            foreach (var platform in fields.Platforms.Where(p => !IsPlatformAllowed(p, falconForMobileActive)))
            {
                errors.Add(Contains(FalconPlatforms.Mobile, platform ?? string.Empty)
                    ? $"platform '{platform}' needs Falcon for Mobile"
                    : $"platform '{platform}' is not one of: {string.Join(", ", FalconPlatforms.All)}");
            }
        }

        CheckLength(errors, "source", fields.Source, FalconLimits.MaxSourceLength);
        CheckLength(errors, "description", fields.Description, FalconLimits.MaxDescriptionLength);
        return errors;
    }

    private static void CheckSetting(List<string> errors, string setting, string? value, IReadOnlyList<string> allowed)
    {
        if (value is null || !Contains(allowed, value))
        {
            errors.Add($"{setting} must be one of: {string.Join(", ", allowed)}; got '{value}'.");
        }
    }

    private static void CheckLength(List<string> errors, string field, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{field} is longer than {max} characters ({value.Length})"));
        }
    }

    private static bool Contains(IReadOnlyList<string> values, string value) => OrdinalLists.Contains(values, value);
}
