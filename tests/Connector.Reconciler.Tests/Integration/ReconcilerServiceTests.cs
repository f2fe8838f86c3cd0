using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using Connector.Contracts;
using Connector.Reconciler.Telemetry;
using Connector.Reconciler.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Reconciler.Tests.Integration;

/// <summary>The service as deployed: triggered by <see cref="ReconciliationRequested"/> on the bus, its report at <c>/report</c>, its metrics.</summary>
public sealed class ReconcilerServiceTests(RabbitMqBroker broker) : IClassFixture<RabbitMqBroker>
{
    [Fact]
    public async Task An_indicator_deleted_while_the_stream_was_down_past_trimmed_history_is_fixed_by_the_requested_run()
    {
        await using var bed = await Testbed.StartAsync(broker);
        using var metrics = new MetricsRecorder(bed.Reconciler.Services.GetRequiredService<IMeterFactory>());
        using var http = new HttpClient { BaseAddress = bed.ReconcilerAddress };
        var kept = bed.AddIndicator("[domain-name:value = 'kept.example']");
        var deleted = bed.AddIndicator("[domain-name:value = 'deleted-while-down.example']");
        bed.Falcon.Store.Seed(bed.OursWith("domain", "kept.example", bed.FieldsFor(kept, IocType.Domain)));
        var orphanSeed = bed.Falcon.Store.Seed(bed.OursWith("domain", "deleted-while-down.example", bed.FieldsFor(deleted, IocType.Domain)));

        using (var none = await http.GetAsync(new Uri("report", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        }

        // stream-ingest was down: the delete event is gone with the trimmed history, and stream-ingest asks for a run.
        bed.OpenCti.Platform.DeleteIndicator(deleted.Id);
        bed.OpenCti.Platform.TrimHistoryToCount(0);
        await bed.IocSync.Bus.Publish(new ReconciliationRequested { Reason = "history-trimmed", RequestedAt = DateTimeOffset.UtcNow });

        var report = await PollReportAsync(http);
        await bed.Inbox.SettleAsync(2);

        Assert.Equal("requested: history-trimmed", report.GetProperty("trigger").GetString());
        Assert.Equal("completed", report.GetProperty("outcome").GetString());
        Assert.False(report.GetProperty("dry_run").GetBoolean());
        var drift = report.GetProperty("drift");
        Assert.Equal(1, drift.GetProperty("orphan").GetInt32());
        Assert.Equal(1, drift.GetProperty("total").GetInt32());
        var item = Assert.Single(report.GetProperty("items").EnumerateArray());
        Assert.Equal("orphan", item.GetProperty("kind").GetString());
        Assert.Equal("deleted-while-down.example", item.GetProperty("value").GetString());
        Assert.Equal(orphanSeed.Id, item.GetProperty("falcon_id").GetString());
        Assert.Equal(2, report.GetProperty("repairs").GetProperty("total").GetInt32());
        Assert.Equal(1, report.GetProperty("open_cti").GetProperty("indicators").GetInt32());
        Assert.Equal(2, report.GetProperty("falcon").GetProperty("owned_iocs").GetInt32());

        var orphaned = Assert.Single(bed.Inbox.Orphaned);
        Assert.Equal(orphanSeed.Id, orphaned.FalconId);
        Assert.False(orphaned.Purge);
        Assert.Single(bed.Inbox.Redrives);
        Assert.Equal(2, bed.Inbox.Count);

        // The metrics tell the same story.
        metrics.Collect();
        Assert.Equal(1, metrics.Gauge(ReconcilerMetrics.Drift, "kind", "orphan"));
        Assert.Equal(0, metrics.Gauge(ReconcilerMetrics.Drift, "kind", "missing"));
        Assert.Equal(0, metrics.Gauge(ReconcilerMetrics.Drift, "kind", "stale"));
        Assert.Equal(1, metrics.Gauge(ReconcilerMetrics.DesiredIocs));
        Assert.Equal(2, metrics.Gauge(ReconcilerMetrics.OwnedIocs));
        var completedAt = report.GetProperty("completed_at").GetDateTimeOffset();
        Assert.Equal(completedAt.ToUnixTimeMilliseconds() / 1000.0, metrics.Gauge(ReconcilerMetrics.LastRunTime), 3);
        Assert.Equal(1, metrics.Sum(ReconcilerMetrics.Runs, "outcome", "completed"));
        Assert.Single(metrics.Values(ReconcilerMetrics.RunDuration));
        Assert.Equal(1, metrics.Sum(ReconcilerMetrics.RepairsSent, "message", nameof(IocOrphaned)));
        Assert.Equal(1, metrics.Sum(ReconcilerMetrics.RepairsSent, "message", nameof(RedriveStuckWrites)));
    }

    [Fact]
    public async Task A_burst_of_requests_costs_at_most_two_runs()
    {
        await using var bed = await Testbed.StartAsync(broker);
        bed.OpenCti.Options.Faults.GraphQlLatency = TimeSpan.FromMilliseconds(500);
        bed.AddIndicator("[domain-name:value = 'a.example']");

        for (var i = 0; i < 8; i++)
        {
            await bed.IocSync.Bus.Publish(new ReconciliationRequested { Reason = $"burst {i}", RequestedAt = DateTimeOffset.UtcNow });
        }

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (bed.Reports.Last is null)
            {
                await Task.Delay(100, timeout.Token);
            }
        }

        // Long enough for a third run to have started and finished, had the requests not merged.
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.InRange(bed.Reports.Last!.Run, 1, 2);
        Assert.InRange(bed.Inbox.Redrives.Count, 1, 2);
    }

    [Fact]
    public async Task A_failed_run_is_reported_with_its_reason_and_keeps_the_last_drift_gauges()
    {
        await using var bed = await Testbed.StartAsync(broker);
        using var http = new HttpClient { BaseAddress = bed.ReconcilerAddress };
        bed.AddIndicator("[domain-name:value = 'missing.example']");
        var first = await bed.RunAsync(dryRun: true);
        Assert.Equal(1, first.Drift.Missing);

        bed.OpenCti.Options.Faults.RejectTokens = true;
        await Assert.ThrowsAnyAsync<Exception>(() => bed.RunAsync(dryRun: true));

        var report = await PollReportAsync(http);
        Assert.Equal("failed", report.GetProperty("outcome").GetString());
        Assert.False(string.IsNullOrEmpty(report.GetProperty("error").GetString()));
        Assert.Equal(2, report.GetProperty("run").GetInt64());
        Assert.Same(first, bed.Reports.LastCompleted);
        Assert.Equal(0, bed.Inbox.Count); // dry runs send nothing
    }

    private static async Task<JsonElement> PollReportAsync(HttpClient http)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            using var response = await http.GetAsync(new Uri("report", UriKind.Relative), timeout.Token);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(timeout.Token));
                return json.RootElement.Clone();
            }

            await Task.Delay(100, timeout.Token);
        }
    }
}
