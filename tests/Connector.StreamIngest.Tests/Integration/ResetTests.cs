using Connector.Contracts;
using Connector.OpenCti.LiveStream;
using Connector.StreamIngest.Ingest;
using Connector.StreamIngest.Tests.Support;
using OpenCtiSim;
using StreamEventId = Connector.OpenCti.LiveStream.StreamEventId;

namespace Connector.StreamIngest.Tests.Integration;

public sealed class ResetTests(RabbitMqVirtualHost broker) : IClassFixture<RabbitMqVirtualHost>
{
    [Fact]
    public async Task A_reset_from_the_OpenCTI_UI_starts_a_fresh_full_run_in_the_same_process()
    {
        await using var sim = await OpenCtiSimHost.StartAsync(Expectations.SimOptions(seedIndicators: 40));
        var expected = Expectations.WantedClaims(sim.Platform.Indicators, DateTimeOffset.UtcNow);
        await using var collector = await ChangeCollector.StartAsync(broker);
        await using var host = await StreamIngestHost.StartAsync(sim, broker);
        await collector.WaitForChangesAsync(c => Expectations.Upserts(c).Count == expected.Count, "the first run arrived");
        await Eventually.HoldsAsync(() => host.Keeper.Current is { IsRecovering: false }, "the first run caught up");
        var firstRecover = host.Keeper.Current!.RecoverUntil!.Value;
        await Task.Delay(5);
        collector.Clear();

        // "Reset state" in the UI; the next ping (the keeper pings every 40 s, the test does not wait) answers "".
        sim.Platform.ResetConnectorState(StreamIngestHost.ConnectorId);
        Assert.True(await host.Keeper.PingAsync());

        await collector.WaitForChangesAsync(c => Expectations.Upserts(c).Count == expected.Count, "the fresh run sent every claim again");
        Assert.Equal(expected, Expectations.Upserts(collector.Changes));
        await Eventually.HoldsAsync(() => collector.Reconciliations.Count >= 1, "a reconciliation was requested");
        var request = Assert.Single(collector.Reconciliations);
        Assert.Equal(LiveStreamIngestor.StateResetReason, request.Reason);
        Assert.Single(host.Logs.WithEventId(4104));

        // The fresh run has a recover date of its own and moves on past it, in the same process.
        await Eventually.HoldsAsync(() => host.Keeper.Current is { IsRecovering: false }, "the fresh run caught up");
        Assert.True(host.Keeper.Current!.RecoverUntil > firstRecover);
        var added = sim.Platform.AddIndicator(new IndicatorDraft { Pattern = "[ipv4-addr:value = '198.51.100.250']" });
        await collector.WaitForChangesAsync(c => c.Any(m => m.IndicatorInternalId == added.Id), "a live event after the reset arrived");
        await Eventually.HoldsAsync(() => host.Position >= StreamEventId.FromTimestamp(added.UpdatedAt), "the position follows the new run");
    }
}
