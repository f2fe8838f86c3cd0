using Connector.Contracts;
using Connector.OpenCti.LiveStream;
using Connector.StreamIngest.Tests.Support;
using OpenCtiSim;
using StreamEventId = Connector.OpenCti.LiveStream.StreamEventId;

namespace Connector.StreamIngest.Tests.Integration;

/// <summary>The saved position never passes a publish the broker has not confirmed.</summary>
public sealed class CheckpointTests(RabbitMqVirtualHost broker) : IClassFixture<RabbitMqVirtualHost>
{
    [Fact]
    public async Task While_publishes_are_held_the_position_stays_put_and_the_window_bounds_the_reading()
    {
        await using var sim = await OpenCtiSimHost.StartAsync(Expectations.SimOptions(seedIndicators: 200));
        var expected = Expectations.WantedClaims(sim.Platform.Indicators, DateTimeOffset.UtcNow);
        var gate = new PublishGate();
        gate.Block();
        await using var collector = await ChangeCollector.StartAsync(broker);
        await using var host = await StreamIngestHost.StartAsync(sim, broker, s => s["stream_ingest:max_in_flight"] = "25", gate);

        await Eventually.HoldsAsync(() => host.ServiceMetrics.InFlight == 25, "the window filled up");
        await Task.Delay(500);
        Assert.Equal(25, host.ServiceMetrics.InFlight);
        Assert.Equal(StreamEventId.Zero, host.Position);
        Assert.True(host.Metrics.Sum("stream_ingest.frames") < 60, "the reader waits for the window rather than reading on");
        Assert.Empty(collector.Changes);

        gate.Open();
        await collector.WaitForChangesAsync(c => Expectations.Upserts(c).Count == expected.Count, "everything arrived once the broker confirmed");
        var last = StreamEventId.FromTimestamp(sim.Platform.Indicators.Max(i => i.UpdatedAt));
        await Eventually.HoldsAsync(() => host.Position >= last, "the position moved to the end");
    }

    [Fact]
    public async Task Failing_publishes_are_retried_until_they_succeed_and_the_position_waits_for_them()
    {
        await using var sim = await OpenCtiSimHost.StartAsync(Expectations.SimOptions(seedIndicators: 30));
        var expected = Expectations.WantedClaims(sim.Platform.Indicators, DateTimeOffset.UtcNow);
        var gate = new PublishGate();
        gate.Fail();
        await using var collector = await ChangeCollector.StartAsync(broker);
        await using var host = await StreamIngestHost.StartAsync(sim, broker, gate: gate);

        await Eventually.HoldsAsync(() => gate.Failures > 2 * expected.Count, "every publish failed more than once");
        Assert.Equal(StreamEventId.Zero, host.Position);
        Assert.Empty(collector.Changes);
        Assert.True(host.Metrics.Sum("stream_ingest.publish.retries") >= gate.Failures - expected.Count);
        Assert.Single(host.Logs.WithEventId(4106));

        gate.Open();
        await collector.WaitForChangesAsync(c => Expectations.Upserts(c).Count == expected.Count, "every claim arrived after the broker came back");
        var last = StreamEventId.FromTimestamp(sim.Platform.Indicators.Max(i => i.UpdatedAt));
        await Eventually.HoldsAsync(() => host.Position >= last, "the position moved to the end");
        Assert.Single(host.Logs.WithEventId(4107));
    }

    [Fact]
    public async Task The_position_stops_before_the_first_unconfirmed_frame_and_never_passes_it()
    {
        await using var sim = await OpenCtiSimHost.StartAsync(Expectations.SimOptions());
        var gate = new PublishGate();
        await using var collector = await ChangeCollector.StartAsync(broker);
        await using var host = await StreamIngestHost.StartAsync(sim, broker, gate: gate);
        await Eventually.HoldsAsync(() => host.Metrics.Sum("stream_ingest.frames", ("event", "heartbeat"), ("outcome", "handled")) > 0, "the stream is live");

        gate.BlockAfter(8);
        for (var i = 1; i <= 20; i++)
        {
            sim.Platform.AddIndicator(new IndicatorDraft { Pattern = $"[ipv4-addr:value = '198.51.100.{i}']" });
        }

        await Eventually.HoldsAsync(() => gate.Attempts >= 20, "every publish reached the gate");
        await collector.WaitForChangesAsync(c => c.Count == 8, "the publishes let through arrived");
        await Task.Delay(1000);
        var heldAt = host.Position;
        var receivedWhileHeld = collector.Changes.Select(c => StreamEventId.Parse(c.StreamEventId!)).ToHashSet();

        gate.Open();
        await collector.WaitForChangesAsync(c => c.Count == 20, "the held publishes arrived");
        var all = collector.Changes.Select(c => StreamEventId.Parse(c.StreamEventId!)).Order().ToList();
        var firstHeld = all.First(id => !receivedWhileHeld.Contains(id));
        var confirmedPrefix = all.TakeWhile(id => id < firstHeld).ToList();

        Assert.True(heldAt < firstHeld, $"saved {heldAt} must be before the first unconfirmed frame {firstHeld}");
        if (confirmedPrefix.Count > 0)
        {
            Assert.True(heldAt >= confirmedPrefix[^1], $"saved {heldAt} should reach the confirmed frames up to {confirmedPrefix[^1]}");
        }

        await Eventually.HoldsAsync(() => host.Position >= all[^1], "the position moved past every frame");
    }
}
