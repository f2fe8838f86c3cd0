using Connector.Contracts;
using Connector.OpenCti.LiveStream;
using Connector.OpenCti.State;
using Connector.StreamIngest.Ingest;
using Connector.StreamIngest.Tests.Support;
using OpenCtiSim;
using StreamEventId = Connector.OpenCti.LiveStream.StreamEventId;

namespace Connector.StreamIngest.Tests.Integration;

/// <summary>Where a run starts: the saved position, the trimmed history, and the start settings.</summary>
public sealed class ResumeTests(RabbitMqVirtualHost broker) : IClassFixture<RabbitMqVirtualHost>
{
    [Fact]
    public async Task A_restart_resumes_from_the_saved_position_without_sending_again()
    {
        await using var sim = await OpenCtiSimHost.StartAsync(Expectations.SimOptions(seedIndicators: 50));
        var expected = Expectations.WantedClaims(sim.Platform.Indicators, DateTimeOffset.UtcNow);
        await using var collector = await ChangeCollector.StartAsync(broker);

        await using var first = await StreamIngestHost.StartAsync(sim, broker);
        await collector.WaitForChangesAsync(c => Expectations.Upserts(c).Count == expected.Count, "the first run arrived");
        var recoverUntil = first.Keeper.Current!.RecoverUntil!.Value;
        await Eventually.HoldsAsync(() => !first.Keeper.Current!.IsRecovering, "a heartbeat moved the position past the recovery");
        Assert.Equal(0, await first.StopAsync());

        // The stop pinged the last confirmed position: that is what OpenCTI now holds for the connector.
        var saved = first.Keeper.Current!;
        Assert.True(ConnectorState.TryParse(sim.Platform.GetConnector(StreamIngestHost.ConnectorId)!.State, out var stored));
        Assert.Equal(saved, stored);
        Assert.Equal(recoverUntil, stored.RecoverUntil);

        collector.Clear();
        await using var second = await StreamIngestHost.StartAsync(sim, broker);
        var added = sim.Platform.AddIndicator(new IndicatorDraft { Pattern = "[ipv4-addr:value = '198.51.100.200']" });
        await collector.WaitForChangesAsync(c => c.Count >= 1, "the new indicator arrived");
        await Eventually.HoldsAsync(() => second.Position >= StreamEventId.FromTimestamp(added.UpdatedAt), "the new event was confirmed");

        var change = Assert.Single(collector.Changes);
        Assert.Equal((added.Id, "198.51.100.200"), (change.IndicatorInternalId, change.Value));
        Assert.Equal(1, second.Metrics.Sum("stream_ingest.frames", ("event", "create"), ("outcome", "published")));
    }

    [Fact]
    public async Task Trimmed_history_requests_a_reconciliation_and_the_stream_goes_on()
    {
        await using var sim = await OpenCtiSimHost.StartAsync(Expectations.SimOptions(seedIndicators: 5));
        await using var collector = await ChangeCollector.StartAsync(broker);
        await using var first = await StreamIngestHost.StartAsync(sim, broker);
        await Eventually.HoldsAsync(() => first.Keeper.Current is { IsRecovering: false }, "the first run caught up");
        await first.StopAsync();
        var saved = first.Position;

        // While the service is down, events happen and the platform trims its history past the saved position.
        sim.Platform.AddIndicator(new IndicatorDraft { Pattern = "[ipv4-addr:value = '198.51.100.1']" });
        var kept = sim.Platform.AddIndicator(new IndicatorDraft { Pattern = "[ipv4-addr:value = '198.51.100.2']" });
        sim.Platform.TrimHistoryToCount(1);
        Assert.True(saved < StreamEventId.Parse(sim.Platform.FirstEventId.ToString()), "the history no longer reaches the saved position");
        collector.Clear();

        await using var second = await StreamIngestHost.StartAsync(sim, broker);
        await Eventually.HoldsAsync(() => collector.Reconciliations.Count >= 1, "a reconciliation was requested");
        await collector.WaitForChangesAsync(c => c.Any(m => m.IndicatorInternalId == kept.Id), "the event still held arrived");

        var request = Assert.Single(collector.Reconciliations);
        Assert.Equal(LiveStreamIngestor.HistoryTrimmedReason, request.Reason);
        Assert.Single(second.Logs.WithEventId(4103));
    }

    [Fact]
    public async Task With_listen_delete_off_deletes_are_not_released()
    {
        await using var sim = await OpenCtiSimHost.StartAsync(Expectations.SimOptions());
        await using var collector = await ChangeCollector.StartAsync(broker);
        await using var host = await StreamIngestHost.StartAsync(sim, broker, s => s["connector:live_stream_listen_delete"] = "false");
        var deleted = sim.Platform.AddIndicator(new IndicatorDraft { Pattern = "[ipv4-addr:value = '198.51.100.1']" });
        await collector.WaitForChangesAsync(c => c.Count == 1, "the create arrived");

        sim.Platform.DeleteIndicator(deleted.Id);
        var later = sim.Platform.AddIndicator(new IndicatorDraft { Pattern = "[ipv4-addr:value = '198.51.100.2']" });
        await collector.WaitForChangesAsync(c => c.Any(m => m.IndicatorInternalId == later.Id), "the event after the delete arrived");

        Assert.DoesNotContain(collector.Changes, c => c.Change == IndicatorChangeKind.Release);
    }

    [Fact]
    public async Task A_start_timestamp_makes_a_first_run_skip_what_changed_before_it()
    {
        await using var sim = await OpenCtiSimHost.StartAsync(Expectations.SimOptions(seedIndicators: 20));
        await Task.Delay(20);
        var start = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        var recent = sim.Platform.AddIndicator(new IndicatorDraft { Pattern = "[domain-name:value = 'recent.example']" });
        await using var collector = await ChangeCollector.StartAsync(broker);

        await using var host = await StreamIngestHost.StartAsync(
            sim, broker, s => s["connector:live_stream_start_timestamp"] = ConnectorState.FormatDate(start));
        await Eventually.HoldsAsync(() => host.Keeper.Current is { IsRecovering: false }, "the first run caught up");
        await collector.WaitForChangesAsync(c => c.Count >= 1, "the recent indicator arrived");

        var change = Assert.Single(collector.Changes);
        Assert.Equal(recent.Id, change.IndicatorInternalId);
    }
}
