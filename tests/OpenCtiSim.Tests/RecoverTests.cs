using OpenCtiSim.Tests.Support;

namespace OpenCtiSim.Tests;

public sealed class RecoverTests
{
    private static string Iso(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Recover_sends_the_current_state_of_every_indicator_as_create_frames_then_the_live_tail()
    {
        await using var sim = await Sim.StartAsync();
        var a = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.1", score: 10));
        var b = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.2"));
        var deleted = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.3"));
        await Task.Delay(5);
        a = sim.Platform.UpdateIndicator(a.Id, i => i with { Score = 90 });
        sim.Platform.DeleteIndicator(deleted.Id);
        var recoverUntil = sim.Platform.LastEventId.Timestamp.AddMilliseconds(1);

        await using var stream = await SseConnection.OpenAsync(
            sim, $"?recover={Iso(recoverUntil)}", new Dictionary<string, string> { ["Last-Event-ID"] = "0-0" });
        Assert.Equal("connected", (await stream.NextAsync()).Event);
        var recovered = await stream.NextEventsAsync(2);

        // Oldest update first; one create per live indicator, in its current state; nothing for the deleted one.
        Assert.Equal([b.Id, a.Id], recovered.Select(f => f.InternalId!).ToArray());
        Assert.All(recovered, f => Assert.Equal("create", f.Event));
        var aFrame = recovered[1];
        Assert.Equal(new StreamEventId(a.UpdatedAt.ToUnixTimeMilliseconds(), 0), aFrame.EventId);
        Assert.Equal(90, aFrame.Stix["extensions"]!["extension-definition--ea279b3e-5c71-4632-ac08-831c66a786ba"]!["score"]!.GetValue<int>());
        Assert.Equal(["data", "message", "origin", "version"], aFrame.Payload.Select(p => p.Key).ToArray());
        Assert.Equal("init-create", aFrame.Payload["origin"]!["referer"]!.GetValue<string>());
        Assert.Equal("4", aFrame.Payload["version"]!.GetValue<string>());

        // Then the live tail: a new indicator arrives as a live create.
        var c = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.4"));
        var live = await stream.NextEventAsync();
        Assert.Equal("create", live.Event);
        Assert.Equal(c.Id, live.InternalId);
        Assert.Equal(sim.Platform.LastEventId, live.EventId);
        Assert.Equal("create", live.Payload["type"]!.GetValue<string>());
        Assert.Equal("external", live.Payload["scope"]!.GetValue<string>());
        Assert.Equal("4", live.Payload["version"]!.GetValue<string>());
        await stream.AssertNoEventAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Changes_after_the_recover_date_come_as_live_events_not_as_recovery()
    {
        await using var sim = await Sim.StartAsync();
        var a = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.1"));
        var recoverUntil = a.UpdatedAt;
        await Task.Delay(5);
        var updated = sim.Platform.UpdateIndicator(a.Id, i => i with { Score = 77 });
        var later = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.2"));

        await using var stream = await SseConnection.OpenAsync(
            sim, $"?recover={Iso(recoverUntil)}", new Dictionary<string, string> { ["Last-Event-ID"] = "0-0" });
        await stream.NextAsync();
        var frames = await stream.NextEventsAsync(2);

        // a was updated after the recover date: it is not recovered; its update and the later create are the tail.
        Assert.Equal(["update", "create"], frames.Select(f => f.Event).ToArray());
        Assert.Equal(updated.Id, frames[0].InternalId);
        Assert.Equal(later.Id, frames[1].InternalId);
        await stream.AssertNoEventAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Recover_applies_the_stream_filter()
    {
        await using var sim = await Sim.StartAsync(filters: Sim.ScoreAtLeast(50));
        sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.1", score: 10));
        var high = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.2", score: 80));
        sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.3", score: null));

        await using var stream = await SseConnection.OpenAsync(
            sim, $"?from=0&recover={Iso(sim.Platform.LastEventId.Timestamp)}");
        await stream.NextAsync();

        Assert.Equal(high.Id, (await stream.NextEventAsync()).InternalId);
        await stream.AssertNoEventAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Restart_during_recovery_resumes_from_the_last_recovery_id_inclusive()
    {
        await using var sim = await Sim.StartAsync();
        var first = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.1"));
        await Task.Delay(5);
        var second = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.2"));
        await Task.Delay(5);
        var third = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.3"));
        var recover = Iso(sim.Platform.LastEventId.Timestamp);

        string resumeFrom;
        await using (var firstRun = await SseConnection.OpenAsync(sim, $"?recover={recover}", new Dictionary<string, string> { ["Last-Event-ID"] = "0-0" }))
        {
            await firstRun.NextAsync();
            await firstRun.NextEventAsync();
            resumeFrom = (await firstRun.NextEventAsync()).Id!;
        }

        await using var secondRun = await SseConnection.OpenAsync(sim, $"?recover={recover}", new Dictionary<string, string> { ["Last-Event-ID"] = resumeFrom });
        await secondRun.NextAsync();
        var again = await secondRun.NextEventsAsync(2);

        Assert.Equal([second.Id, third.Id], again.Select(f => f.InternalId!).ToArray());
        Assert.Equal(resumeFrom, again[0].Id);
        Assert.DoesNotContain(again, f => f.InternalId == first.Id);
    }

    [Fact]
    public async Task Recovery_frames_reuse_ids_when_indicators_share_an_updated_at_millisecond()
    {
        await using var sim = await Sim.StartAsync(seedIndicators: 0);
        var generated = sim.Platform.GenerateIndicators(50);
        var recover = Iso(sim.Platform.LastEventId.Timestamp);

        await using var stream = await SseConnection.OpenAsync(sim, $"?from=0-0&recover={recover}");
        await stream.NextAsync();
        var frames = new List<SseFrame>();
        while (frames.Count(f => f.StixType == "indicator") < generated.Count)
        {
            frames.Add(await stream.NextEventAsync());
        }

        var ids = frames.Select(f => f.EventId).ToList();
        Assert.Equal(ids.Order().ToList(), ids);
        Assert.All(frames, f => Assert.Equal(0, f.EventId.Sequence));
        Assert.Equal(generated.Select(i => i.Id).Order(), frames.Where(f => f.StixType == "indicator").Select(f => f.InternalId!).Order());
    }
}
