using Connector.StreamIngest.Tests.Support;
using OpenCtiSim;

namespace Connector.StreamIngest.Tests.Integration;

public sealed class ConnectionDropTests(RabbitMqVirtualHost broker) : IClassFixture<RabbitMqVirtualHost>
{
    [Fact]
    public async Task Connections_dropped_during_the_first_run_lose_nothing()
    {
        await using var sim = await OpenCtiSimHost.StartAsync(Expectations.SimOptions(seedIndicators: 3000));
        var expected = Expectations.WantedClaims(sim.Platform.Indicators, DateTimeOffset.UtcNow);
        sim.Platform.Faults.DropConnectionsAfterFrames = 600;
        await using var collector = await ChangeCollector.StartAsync(broker);
        await using var host = await StreamIngestHost.StartAsync(sim, broker);

        await collector.WaitForChangesAsync(c => Expectations.Upserts(c).Count == expected.Count, $"all {expected.Count} claims arrived", TimeSpan.FromMinutes(3));
        sim.Platform.Faults.DropConnectionsAfterFrames = 0;

        Assert.Equal(expected, Expectations.Upserts(collector.Changes));
        Assert.True(sim.Platform.Counters.ConnectionsOpened >= 5, $"the stream was cut at least 4 times ({sim.Platform.Counters.ConnectionsOpened} connections)");
    }

    [Fact]
    public async Task A_connection_dropped_in_the_live_tail_loses_nothing()
    {
        await using var sim = await OpenCtiSimHost.StartAsync(Expectations.SimOptions());
        await using var collector = await ChangeCollector.StartAsync(broker);
        await using var host = await StreamIngestHost.StartAsync(sim, broker);
        await Eventually.HoldsAsync(() => sim.Platform.ActiveConnections == 1, "the stream is connected");

        var added = new List<SimIndicator>();
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 10; i++)
            {
                added.Add(sim.Platform.AddIndicator(new IndicatorDraft { Pattern = $"[domain-name:value = 'host{round}-{i}.example']" }));
            }

            sim.Platform.DropConnections();
        }

        var expected = added.Select(a => a.Id).ToHashSet();
        await collector.WaitForChangesAsync(c => expected.IsSubsetOf(c.Select(m => m.IndicatorInternalId!)), "every indicator arrived");
        Assert.True(sim.Platform.Counters.ConnectionsOpened >= 2);
    }
}
