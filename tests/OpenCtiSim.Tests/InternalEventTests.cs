using OpenCtiSim.Tests.Support;

namespace OpenCtiSim.Tests;

public sealed class InternalEventTests
{
    [Fact]
    public async Task Internal_scope_and_old_version_events_are_never_sent_but_move_the_heartbeat_position()
    {
        await using var sim = await Sim.StartAsync(heartbeat: TimeSpan.FromMilliseconds(150));
        await using var stream = await SseConnection.OpenAsync(sim, "?from=0-0");
        await stream.NextAsync();

        sim.Platform.RegisterTestConnector();
        sim.Platform.AppendLegacyEvent("create");
        var hidden = sim.Platform.LastEventId;
        var visible = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.1"));

        var first = await stream.NextEventAsync();
        Assert.Equal(visible.Id, first.InternalId);
        Assert.True(first.EventId > hidden);
    }
}
