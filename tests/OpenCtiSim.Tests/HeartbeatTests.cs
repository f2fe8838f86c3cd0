using System.Globalization;
using System.Text.Json;
using OpenCtiSim.Tests.Support;

namespace OpenCtiSim.Tests;

public sealed class HeartbeatTests
{
    [Fact]
    public async Task Idle_heartbeats_carry_a_now_id_and_a_json_string_date()
    {
        await using var sim = await Sim.StartAsync(heartbeat: TimeSpan.FromMilliseconds(150));
        sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.1"));
        var lastEvent = sim.Platform.LastEventId;

        await using var stream = await SseConnection.OpenAsync(sim, "?from=0-0");
        await stream.NextAsync();
        await stream.NextEventAsync();
        await Task.Delay(20);
        var heartbeat = await NextHeartbeatAsync(stream);

        Assert.True(heartbeat.EventId > lastEvent);
        Assert.Equal(0, heartbeat.EventId.Sequence);
        Assert.StartsWith("\"", heartbeat.Data, StringComparison.Ordinal);
        var text = JsonSerializer.Deserialize<string>(heartbeat.Data)!;
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", text);
        var date = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
        Assert.InRange(date, DateTimeOffset.UtcNow.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task Heartbeat_ids_move_past_events_the_filter_dropped()
    {
        await using var sim = await Sim.StartAsync(heartbeat: TimeSpan.FromMilliseconds(150), filters: Sim.ScoreAtLeast(90));
        await using var stream = await SseConnection.OpenAsync(sim);
        await stream.NextAsync();

        sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.1", score: 10));
        var filteredOut = sim.Platform.LastEventId;

        // A heartbeat written before the event (a slow machine) may still be in flight; a later one must pass it.
        var heartbeats = new List<StreamEventId>();
        while (heartbeats.Count < 5 && (heartbeats.Count == 0 || heartbeats[^1] < filteredOut))
        {
            heartbeats.Add((await NextHeartbeatAsync(stream)).EventId);
        }

        Assert.True(heartbeats[^1] >= filteredOut, $"heartbeats {string.Join(", ", heartbeats)} never passed {filteredOut}");
        Assert.Equal(heartbeats.Order().ToList(), heartbeats);
    }

    [Fact]
    public async Task An_event_after_an_idle_heartbeat_sorts_after_it_so_resuming_from_the_heartbeat_loses_nothing()
    {
        await using var sim = await Sim.StartAsync(heartbeat: TimeSpan.FromMilliseconds(50));
        await using var stream = await SseConnection.OpenAsync(sim, "?from=0-0");
        await stream.NextAsync();
        var heartbeat = await NextHeartbeatAsync(stream);

        var created = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.1"));

        Assert.True(sim.Platform.LastEventId > heartbeat.EventId);
        await using var resumed = await SseConnection.OpenAsync(sim, headers: new Dictionary<string, string> { ["Last-Event-ID"] = heartbeat.Id! });
        await resumed.NextAsync();
        Assert.Equal(created.Id, (await resumed.NextEventAsync()).InternalId);
    }

    [Fact]
    public async Task Heartbeats_keep_coming_at_the_configured_interval()
    {
        await using var sim = await Sim.StartAsync(heartbeat: TimeSpan.FromMilliseconds(100));
        await using var stream = await SseConnection.OpenAsync(sim);
        await stream.NextAsync();

        var heartbeats = new List<SseFrame>();
        for (var i = 0; i < 3; i++)
        {
            heartbeats.Add(await NextHeartbeatAsync(stream));
        }

        Assert.All(heartbeats, h => Assert.Equal("heartbeat", h.Event));
        Assert.True(sim.Platform.Counters.FramesOf("heartbeat") >= 3);
    }

    private static async Task<SseFrame> NextHeartbeatAsync(SseConnection stream)
    {
        while (true)
        {
            var frame = await stream.NextAsync();
            if (frame.Event == "heartbeat")
            {
                return frame;
            }
        }
    }
}
