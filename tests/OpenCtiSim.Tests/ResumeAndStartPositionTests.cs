using OpenCtiSim.Tests.Support;

namespace OpenCtiSim.Tests;

public sealed class ResumeAndStartPositionTests
{
    [Fact]
    public async Task Resuming_with_Last_Event_ID_sends_only_later_events()
    {
        await using var sim = await Sim.StartAsync();
        for (var i = 1; i <= 5; i++)
        {
            sim.Platform.AddIndicator(Sim.Ipv4($"198.51.100.{i}"));
        }

        string lastSeen;
        await using (var first = await SseConnection.OpenAsync(sim, headers: new Dictionary<string, string> { ["Last-Event-ID"] = "0-0" }))
        {
            await first.NextAsync();
            var seen = await first.NextEventsAsync(3);
            lastSeen = seen[^1].Id!;
        }

        sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.6"));
        await using var resumed = await SseConnection.OpenAsync(sim, headers: new Dictionary<string, string> { ["Last-Event-ID"] = lastSeen });
        await resumed.NextAsync();
        var rest = await resumed.NextEventsAsync(3);

        Assert.All(rest, f => Assert.True(f.EventId > StreamEventId.Parse(lastSeen)));
        Assert.Equal(["198.51.100.4", "198.51.100.5", "198.51.100.6"], rest.Select(f => f.Stix["name"]!.GetValue<string>()).ToArray());
        await resumed.AssertNoEventAsync(TimeSpan.FromMilliseconds(300));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0-0")]
    public async Task Zero_starts_from_the_beginning_of_the_log(string start)
    {
        await using var sim = await Sim.StartAsync();
        sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.1"));
        sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.2"));

        await using var stream = await SseConnection.OpenAsync(sim, $"?from={start}");
        await stream.NextAsync();

        Assert.Equal(2, (await stream.NextEventsAsync(2)).Count);
    }

    [Fact]
    public async Task Without_start_position_only_new_events_are_sent()
    {
        await using var sim = await Sim.StartAsync();
        sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.1"));

        await using var stream = await SseConnection.OpenAsync(sim);
        await stream.NextAsync();
        var created = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.2"));

        Assert.Equal(created.Id, (await stream.NextEventAsync()).InternalId);
    }

    [Fact]
    public async Task Query_from_wins_over_header_from_which_wins_over_Last_Event_ID()
    {
        await using var sim = await Sim.StartAsync();
        var ids = new List<string>();
        for (var i = 1; i <= 4; i++)
        {
            sim.Platform.AddIndicator(Sim.Ipv4($"198.51.100.{i}"));
            ids.Add(sim.Platform.LastEventId.ToString());
        }

        async Task<string> FirstNameAsync(string? query, Dictionary<string, string> headers)
        {
            await using var stream = await SseConnection.OpenAsync(sim, query, headers);
            await stream.NextAsync();
            return (await stream.NextEventAsync()).Stix["name"]!.GetValue<string>();
        }

        var all = new Dictionary<string, string> { ["from"] = ids[1], ["Last-Event-ID"] = ids[0] };
        Assert.Equal("198.51.100.4", await FirstNameAsync($"?from={ids[2]}", all));
        Assert.Equal("198.51.100.3", await FirstNameAsync(null, all));
        Assert.Equal("198.51.100.2", await FirstNameAsync(null, new Dictionary<string, string> { ["Last-Event-ID"] = ids[0] }));
    }

    [Fact]
    public async Task An_ISO_date_start_sends_events_after_that_instant()
    {
        await using var sim = await Sim.StartAsync();
        sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.1"));
        await Task.Delay(10);
        var cut = DateTimeOffset.UtcNow;
        await Task.Delay(10);
        var after = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.2"));

        var iso = cut.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        await using var stream = await SseConnection.OpenAsync(sim, $"?from={iso}");
        await stream.NextAsync();

        Assert.Equal(after.Id, (await stream.NextEventAsync()).InternalId);
        await stream.AssertNoEventAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Invalid_start_position_is_500()
    {
        await using var sim = await Sim.StartAsync();

        using var response = await SseConnection.SendAsync(sim, "?from=yesterday");

        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, response.StatusCode);
    }
}
