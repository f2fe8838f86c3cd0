using Connector.Hosting.Settings;
using Microsoft.Extensions.Configuration;

namespace Connector.Reconciler.Settings;

/// <summary>
/// How the reconciler runs: section <c>reconciler</c> (<c>RECONCILER_*</c>, e.g. <c>RECONCILER_INTERVAL_MINUTES</c>).
/// Every setting is new (the Python connector never reconciled).
/// </summary>
public sealed class ReconcilerSettings : IConnectorSettings
{
    /// <inheritdoc />
    public static string SectionName => "reconciler";

    /// <summary>Minutes between runs (<c>RECONCILER_INTERVAL_MINUTES</c>); 0 runs only when asked (a <c>ReconciliationRequested</c> message).</summary>
    [ConfigurationKeyName("interval_minutes")]
    public int IntervalMinutes { get; set; } = 60;

    /// <summary>Seconds from start to the first run (<c>RECONCILER_FIRST_RUN_DELAY_SECONDS</c>), so a fresh deployment repairs soon.</summary>
    [ConfigurationKeyName("first_run_delay_seconds")]
    public int FirstRunDelaySeconds { get; set; } = 15;

    /// <summary>Report drift without repairing it (<c>RECONCILER_DRY_RUN</c>): a cautious first deployment.</summary>
    [ConfigurationKeyName("dry_run")]
    public bool DryRun { get; set; }

    /// <summary>Repair messages sent per second at most (<c>RECONCILER_REPAIR_RATE</c>), so a large diff does not flood ioc-sync.</summary>
    [ConfigurationKeyName("repair_rate")]
    public double RepairRate { get; set; } = 500;

    /// <summary>A saga write in flight for longer than this many minutes counts as stuck and is re-driven (<c>RECONCILER_STUCK_AFTER_MINUTES</c>).</summary>
    [ConfigurationKeyName("stuck_after_minutes")]
    public int StuckAfterMinutes { get; set; } = 15;

    /// <summary>
    /// Days a soft-deleted (<c>TO_DELETE</c>) IOC is kept before it is deleted for good (<c>RECONCILER_TO_DELETE_RETENTION_DAYS</c>);
    /// 0 (the default) keeps them for ever, as the Python connector did.
    /// </summary>
    [ConfigurationKeyName("to_delete_retention_days")]
    public int ToDeleteRetentionDays { get; set; }

    /// <summary>Indicators per GraphQL page (<c>RECONCILER_OPENCTI_PAGE_SIZE</c>), 1 to 5000.</summary>
    [ConfigurationKeyName("opencti_page_size")]
    public int OpenCtiPageSize { get; set; } = 500;

    /// <summary>IOCs per Falcon search page (<c>RECONCILER_FALCON_PAGE_SIZE</c>), 1 to 2000; Falcon advises at most 500.</summary>
    [ConfigurationKeyName("falcon_page_size")]
    public int FalconPageSize { get; set; } = 500;

    /// <summary>Drift items listed in the report served at <c>/report</c> (<c>RECONCILER_REPORT_ITEMS</c>); the counts always cover all.</summary>
    [ConfigurationKeyName("report_items")]
    public int ReportItems { get; set; } = 100;

    /// <summary>The ioc-sync queue that receives <c>RedriveStuckWrites</c> (<c>RECONCILER_REDRIVE_QUEUE</c>).</summary>
    [ConfigurationKeyName("redrive_queue")]
    public string RedriveQueue { get; set; } = "ioc-sync-redrive";

    /// <summary>The time between runs, or null when runs happen only on request.</summary>
    public TimeSpan? Interval => IntervalMinutes > 0 ? TimeSpan.FromMinutes(IntervalMinutes) : null;

    /// <summary>The delay before the first run.</summary>
    public TimeSpan FirstRunDelay => TimeSpan.FromSeconds(FirstRunDelaySeconds);

    /// <summary>How long a write may be in flight before it counts as stuck.</summary>
    public TimeSpan StuckAfter => TimeSpan.FromMinutes(StuckAfterMinutes);

    /// <summary>How long <c>TO_DELETE</c> IOCs are kept, or null when they are kept for ever.</summary>
    public TimeSpan? ToDeleteRetention => ToDeleteRetentionDays > 0 ? TimeSpan.FromDays(ToDeleteRetentionDays) : null;
}
