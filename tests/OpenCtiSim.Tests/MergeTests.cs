using OpenCtiSim.Tests.Support;

namespace OpenCtiSim.Tests;

public sealed class MergeTests
{
    [Fact]
    public async Task Merge_sends_the_survivor_with_the_absorbed_objects_in_context_sources_and_no_deletes()
    {
        await using var sim = await Sim.StartAsync();
        var survivor = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.1", 50, "c2"));
        var absorbed1 = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.2", 60, "botnet"));
        var absorbed2 = sim.Platform.AddIndicator(Sim.Domain("merge.example"));
        await using var stream = await SseConnection.OpenAsync(sim);
        await stream.NextAsync();

        var merged = sim.Platform.MergeIndicators(survivor.Id, [absorbed1.Id, absorbed2.StandardId]);
        var marker = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.9"));
        var frame = await stream.NextEventAsync();

        Assert.Equal("merge", frame.Event);
        Assert.Equal("merge", frame.Payload["type"]!.GetValue<string>());
        Assert.Equal(survivor.Id, frame.InternalId);
        var sources = frame.Payload["context"]!["sources"]!.AsArray();
        Assert.Equal(
            new[] { absorbed1.StandardId, absorbed2.StandardId }.Order(),
            sources.Select(s => s!["id"]!.GetValue<string>()).Order());
        Assert.Equal(absorbed1.Pattern, sources.Single(s => s!["id"]!.GetValue<string>() == absorbed1.StandardId)!["pattern"]!.GetValue<string>());
        Assert.Equal(["c2", "botnet"], frame.Stix["labels"]!.AsArray().Select(l => l!.GetValue<string>()).ToArray());

        // No delete frames for the absorbed: the next frame is the marker.
        Assert.Equal(marker.Id, (await stream.NextEventAsync()).InternalId);
        Assert.Null(sim.Platform.GetIndicator(absorbed1.Id));
        Assert.Equal(merged, sim.Platform.GetIndicator(absorbed2.StandardId));
        Assert.Equal(2, sim.Platform.IndicatorCount);
    }

    [Fact]
    public void Merging_an_indicator_into_itself_is_refused()
    {
        var platform = new OpenCtiSimPlatform();
        var indicator = platform.AddIndicator(Sim.Ipv4("198.51.100.1"));

        Assert.Throws<ArgumentException>(() => platform.MergeIndicators(indicator.Id, [indicator.Id]));
    }
}
