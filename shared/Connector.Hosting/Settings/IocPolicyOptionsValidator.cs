using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Connector.Hosting.Settings;

/// <summary>
/// Checks <see cref="IocPolicyOptions"/> against what Falcon accepts, and the rule that a permanent delete needs
/// the delete events of the stream (read from the <c>connector</c> section, which not every service binds).
/// </summary>
internal sealed class IocPolicyOptionsValidator(IConfiguration configuration) : IValidateOptions<IocPolicyOptions>
{
    private static readonly SettingName ActionOnIp = new("crowdstrike", "action_on_ip");
    private static readonly SettingName ActionOnDomain = new("crowdstrike", "action_on_domain");
    private static readonly SettingName ActionOnHash = new("crowdstrike", "action_on_hash");
    private static readonly SettingName DefaultSeverity = new("crowdstrike", "default_severity");
    private static readonly SettingName SoftDeleteAction = new("crowdstrike", "soft_delete_action");
    private static readonly SettingName PermanentDelete = new("crowdstrike", "permanent_delete");
    private static readonly SettingName ListenDelete = new("connector", "live_stream_listen_delete");

    public ValidateOptionsResult Validate(string? name, IocPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        CheckAction(ActionOnIp, options.ActionOnIp, IocPolicyOptions.NetworkActions, "IP addresses", failures);
        CheckAction(ActionOnDomain, options.ActionOnDomain, IocPolicyOptions.NetworkActions, "domains", failures);
        CheckAction(ActionOnHash, options.ActionOnHash, IocPolicyOptions.HashActions, "hashes", failures);

        if (!IocPolicyOptions.Severities.Contains(IocPolicyOptions.Normalize(options.DefaultSeverity)))
        {
            failures.Add($"{DefaultSeverity} is '{options.DefaultSeverity}': set it to informational, low, medium (the default), high or critical.");
        }

        if (!IocPolicyOptions.SoftDeleteActions.Contains(IocPolicyOptions.Normalize(options.SoftDeleteAction)))
        {
            failures.Add(
                $"{SoftDeleteAction} is '{options.SoftDeleteAction}': set it to no_action (the default: a soft-deleted IOC stops detecting "
                + "and is tagged TO_DELETE) or keep (the Python connector's behaviour: only the tag, the IOC keeps its action).");
        }

        // An unreadable listen-delete value is reported by the connector section's own checks; only a clear false conflicts.
        var listenDelete = configuration[ListenDelete.ConfigurationKey];
        if (options.PermanentDelete && FlexibleBoolean.TryParse(listenDelete, out var listens) && !listens)
        {
            failures.Add(
                $"{PermanentDelete} is true, which needs {ListenDelete} true as well: deletions reach the connector only as "
                + $"delete events. Set {ListenDelete.EnvironmentVariable}=true, or {PermanentDelete.EnvironmentVariable}=false.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckAction(SettingName setting, string value, IReadOnlyList<string> allowed, string kind, List<string> failures)
    {
        if (!allowed.Contains(IocPolicyOptions.Normalize(value)))
        {
            failures.Add($"{setting} is '{value}', but Falcon allows only {Join(allowed)} for {kind}: set it to one of those (default detect).");
        }
    }

    private static string Join(IReadOnlyList<string> values) =>
        values.Count == 1 ? values[0] : $"{string.Join(", ", values.Take(values.Count - 1))} or {values[^1]}";
}
