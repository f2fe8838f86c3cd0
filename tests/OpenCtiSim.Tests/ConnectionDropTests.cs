using OpenCtiSim.Tests.Support;

namespace OpenCtiSim.Tests;

public sealed class ConnectionDropTests
{
    [Fact]
    public async Task Dropping_connections_cuts_every_open_stream()
    {
        await using var sim = await Sim.StartAsync();
        await using var a = await SseConnection.OpenAsync(sim);
        await using var b = await SseConnection.OpenAsync(sim);
        await a.NextAsync();
        await b.NextAsync();

        var dropped = sim.Platform.DropConnections();

        Assert.Equal(2, dropped);
        await a.ReadToEndAsync();
        await b.ReadToEndAsync();
        Assert.NotNull(a.Failure);
        Assert.NotNull(b.Failure);
        await WaitUntilAsync(() => sim.Platform.ActiveConnections == 0 && sim.Platform.Counters.ActiveConnections == 0);
    }

    [Fact]
    public async Task A_frame_limit_cuts_the_connection_after_that_many_frames_even_in_the_middle_of_a_recovery()
    {
        await using var sim = await Sim.StartAsync();
        sim.Platform.GenerateIndicators(40);
        sim.Platform.Faults.DropConnectionsAfterFrames = 10;
        var recover = sim.Platform.LastEventId.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

        await using var stream = await SseConnection.OpenAsync(sim, $"?from=0-0&recover={recover}");
        var frames = await stream.ReadToEndAsync();

        Assert.Equal(10, frames.Count);
        Assert.Equal("connected", frames[0].Event);
        Assert.NotNull(stream.Failure);

        sim.Platform.Faults.Clear();
        await using var again = await SseConnection.OpenAsync(sim, $"?from=0-0&recover={recover}");
        Assert.Equal("connected", (await again.NextAsync()).Event);
        await again.NextEventsAsync(40);
    }

    [Fact]
    public async Task A_client_that_leaves_releases_its_connection()
    {
        await using var sim = await Sim.StartAsync(heartbeat: TimeSpan.FromMilliseconds(50));
        var stream = await SseConnection.OpenAsync(sim);
        await stream.NextAsync();
        Assert.Equal(1, sim.Platform.ActiveConnections);

        await stream.DisposeAsync();

        await WaitUntilAsync(() => sim.Platform.ActiveConnections == 0 && sim.Platform.Counters.ActiveConnections == 0);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition());
    }
}
