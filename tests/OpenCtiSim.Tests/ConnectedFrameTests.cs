using OpenCtiSim.Tests.Support;

namespace OpenCtiSim.Tests;

public sealed class ConnectedFrameTests
{
    [Fact]
    public async Task First_frame_is_connected_without_id_and_describes_the_log()
    {
        await using var sim = await Sim.StartAsync();
        sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.1"));
        sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.2"));

        await using var stream = await SseConnection.OpenAsync(sim);
        var connected = await stream.NextAsync();

        Assert.Equal("connected", connected.Event);
        Assert.Null(connected.Id);
        var data = connected.Payload;
        Assert.Equal(
            ["lastEventId", "firstEventId", "firstEventDate", "lastEventDate", "streamSize", "connectionId"],
            data.Select(p => p.Key).ToArray());
        Assert.Equal(sim.Platform.LastEventId.ToString(), data["lastEventId"]!.GetValue<string>());
        Assert.Equal(sim.Platform.FirstEventId.ToString(), data["firstEventId"]!.GetValue<string>());
        Assert.Equal(2, data["streamSize"]!.GetValue<long>());
        Assert.Equal(sim.Platform.FirstEventId.Timestamp, DateTimeOffset.Parse(data["firstEventDate"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(sim.Platform.LastEventId.Timestamp, DateTimeOffset.Parse(data["lastEventDate"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(Guid.TryParse(data["connectionId"]!.GetValue<string>(), out _));
    }

    [Fact]
    public async Task Each_connection_gets_its_own_connection_id()
    {
        await using var sim = await Sim.StartAsync();

        await using var a = await SseConnection.OpenAsync(sim);
        await using var b = await SseConnection.OpenAsync(sim);

        Assert.NotEqual(
            (await a.NextAsync()).Payload["connectionId"]!.GetValue<string>(),
            (await b.NextAsync()).Payload["connectionId"]!.GetValue<string>());
        Assert.Equal(2, sim.Platform.Counters.ConnectionsOpened);
    }

    [Fact]
    public async Task Trimming_history_moves_first_event_id_forward()
    {
        await using var sim = await Sim.StartAsync();
        var old = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.1"));
        var firstBefore = sim.Platform.FirstEventId;
        await Task.Delay(5);
        var kept = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.2"));

        var removed = sim.Platform.TrimHistory(kept.UpdatedAt);

        Assert.Equal(1, removed);
        await using var stream = await SseConnection.OpenAsync(sim, "?from=0-0");
        var connected = (await stream.NextAsync()).Payload;
        var firstAfter = StreamEventId.Parse(connected["firstEventId"]!.GetValue<string>());
        Assert.True(firstAfter > firstBefore);
        Assert.Equal(1, connected["streamSize"]!.GetValue<long>());

        // A client whose saved position is older than firstEventId lost events: here the first create is gone.
        var first = await stream.NextEventAsync();
        Assert.Equal(kept.Id, first.InternalId);
        Assert.NotEqual(old.Id, first.InternalId);
    }
}
