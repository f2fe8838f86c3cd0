using Connector.Reconciler.Settings;

namespace Connector.Reconciler.Tests.Unit;

public sealed class ReconcilerSettingsTests
{
    [Fact]
    public void The_defaults_run_hourly_repair_at_a_bounded_rate_and_keep_TO_DELETE_IOCs()
    {
        var settings = new ReconcilerSettings();

        Assert.Equal(TimeSpan.FromMinutes(60), settings.Interval);
        Assert.Equal(TimeSpan.FromSeconds(15), settings.FirstRunDelay);
        Assert.Null(settings.ToDeleteRetention);
        Assert.False(settings.DryRun);
        Assert.Equal(500, settings.RepairRate);
        Assert.Equal("ioc-sync-redrive", settings.RedriveQueue);
        Assert.True(new ReconcilerSettingsValidator().Validate(null, settings).Succeeded);
    }

    [Theory]
    [InlineData("interval_minutes", "RECONCILER_INTERVAL_MINUTES (reconciler.interval_minutes) is -1")]
    [InlineData("repair_rate", "RECONCILER_REPAIR_RATE (reconciler.repair_rate) is 0")]
    [InlineData("stuck_after_minutes", "RECONCILER_STUCK_AFTER_MINUTES (reconciler.stuck_after_minutes) is 0")]
    [InlineData("to_delete_retention_days", "RECONCILER_TO_DELETE_RETENTION_DAYS (reconciler.to_delete_retention_days) is -2")]
    [InlineData("opencti_page_size", "RECONCILER_OPENCTI_PAGE_SIZE (reconciler.opencti_page_size) is 5001")]
    [InlineData("falcon_page_size", "RECONCILER_FALCON_PAGE_SIZE (reconciler.falcon_page_size) is 0")]
    [InlineData("redrive_queue", "RECONCILER_REDRIVE_QUEUE (reconciler.redrive_queue) is 'a queue'")]
    public void A_bad_value_is_named_with_its_variable(string key, string expected)
    {
        var settings = key switch
        {
            "interval_minutes" => new ReconcilerSettings { IntervalMinutes = -1 },
            "repair_rate" => new ReconcilerSettings { RepairRate = 0 },
            "stuck_after_minutes" => new ReconcilerSettings { StuckAfterMinutes = 0 },
            "to_delete_retention_days" => new ReconcilerSettings { ToDeleteRetentionDays = -2 },
            "opencti_page_size" => new ReconcilerSettings { OpenCtiPageSize = 5001 },
            "falcon_page_size" => new ReconcilerSettings { FalconPageSize = 0 },
            _ => new ReconcilerSettings { RedriveQueue = "a queue" },
        };

        var result = new ReconcilerSettingsValidator().Validate(null, settings);

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith(expected, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void An_interval_of_zero_means_runs_only_on_request()
    {
        Assert.Null(new ReconcilerSettings { IntervalMinutes = 0 }.Interval);
        Assert.Equal(TimeSpan.FromDays(30), new ReconcilerSettings { ToDeleteRetentionDays = 30 }.ToDeleteRetention);
    }
}
