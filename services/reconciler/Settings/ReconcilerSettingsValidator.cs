using System.Globalization;
using System.Text.RegularExpressions;
using Connector.Hosting.Settings;
using Microsoft.Extensions.Options;

namespace Connector.Reconciler.Settings;

/// <summary>Checks <see cref="ReconcilerSettings"/> at start; each message names the setting and the fix.</summary>
internal sealed partial class ReconcilerSettingsValidator : IValidateOptions<ReconcilerSettings>
{
    private const int MaxOpenCtiPageSize = 5000;
    private const int MaxFalconPageSize = 2000;

    public ValidateOptionsResult Validate(string? name, ReconcilerSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (options.IntervalMinutes < 0)
        {
            failures.Add($"{Name("interval_minutes")} is {options.IntervalMinutes}: set the minutes between runs (default 60), or 0 to run only when asked.");
        }

        if (options.FirstRunDelaySeconds < 0)
        {
            failures.Add($"{Name("first_run_delay_seconds")} is {options.FirstRunDelaySeconds}: set 0 or more seconds (default 15).");
        }

        if (double.IsNaN(options.RepairRate) || double.IsInfinity(options.RepairRate) || options.RepairRate <= 0)
        {
            failures.Add($"{Name("repair_rate")} is {options.RepairRate.ToString(CultureInfo.InvariantCulture)}: set the repair messages per second, above 0 (default 500).");
        }

        if (options.StuckAfterMinutes < 1)
        {
            failures.Add($"{Name("stuck_after_minutes")} is {options.StuckAfterMinutes}: set 1 or more minutes (default 15); shorter re-drives writes that are merely slow.");
        }

        if (options.ToDeleteRetentionDays < 0)
        {
            failures.Add($"{Name("to_delete_retention_days")} is {options.ToDeleteRetentionDays}: set the days TO_DELETE IOCs are kept before a permanent delete, or 0 to keep them (the default).");
        }

        if (options.OpenCtiPageSize is < 1 or > MaxOpenCtiPageSize)
        {
            failures.Add($"{Name("opencti_page_size")} is {options.OpenCtiPageSize}: set it between 1 and {MaxOpenCtiPageSize} (OpenCTI's largest page); 500 is the default.");
        }

        if (options.FalconPageSize is < 1 or > MaxFalconPageSize)
        {
            failures.Add($"{Name("falcon_page_size")} is {options.FalconPageSize}: set it between 1 and {MaxFalconPageSize}; Falcon advises at most 500 (the default).");
        }

        if (options.ReportItems < 0)
        {
            failures.Add($"{Name("report_items")} is {options.ReportItems}: set how many drift items the report lists, 0 or more (default 100).");
        }

        if (string.IsNullOrWhiteSpace(options.RedriveQueue) || !QueueName().IsMatch(options.RedriveQueue.Trim()))
        {
            failures.Add($"{Name("redrive_queue")} is '{options.RedriveQueue}': set the name of ioc-sync's re-drive queue (default ioc-sync-redrive; letters, digits, '-', '_', '.').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static SettingName Name(string key) => new(ReconcilerSettings.SectionName, key);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex QueueName();
}
