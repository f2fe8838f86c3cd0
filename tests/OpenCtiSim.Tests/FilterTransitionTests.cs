using OpenCtiSim.Tests.Support;

namespace OpenCtiSim.Tests;

public sealed class FilterTransitionTests
{
    [Fact]
    public async Task Entering_the_filter_arrives_as_create_with_the_update_payload()
    {
        await using var sim = await Sim.StartAsync(filters: Sim.ScoreAtLeast(50));
        var indicator = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.1", score: 30));
        await using var stream = await SseConnection.OpenAsync(sim);
        await stream.NextAsync();

        sim.Platform.UpdateIndicator(indicator.Id, i => i with { Score = 80 });
        var frame = await stream.NextEventAsync();

        Assert.Equal("create", frame.Event);
        Assert.Equal("update", frame.Payload["type"]!.GetValue<string>());
        Assert.NotNull(frame.Payload["context"]!["patch"]);
        Assert.NotNull(frame.Payload["context"]!["reverse_patch"]);
        Assert.Equal(indicator.Id, frame.InternalId);
    }

    [Fact]
    public async Task Leaving_the_filter_arrives_as_delete_with_the_update_payload()
    {
        await using var sim = await Sim.StartAsync(filters: Sim.ScoreAtLeast(50));
        var indicator = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.1", score: 80));
        await using var stream = await SseConnection.OpenAsync(sim);
        await stream.NextAsync();

        sim.Platform.UpdateIndicator(indicator.Id, i => i with { Score = 10 });
        var frame = await stream.NextEventAsync();

        Assert.Equal("delete", frame.Event);
        Assert.Equal("update", frame.Payload["type"]!.GetValue<string>());
        Assert.Equal(10, frame.Stix["extensions"]!["extension-definition--ea279b3e-5c71-4632-ac08-831c66a786ba"]!["score"]!.GetValue<int>());
    }

    [Fact]
    public async Task Staying_in_is_an_update_and_staying_out_sends_nothing()
    {
        await using var sim = await Sim.StartAsync(filters: Sim.ScoreAtLeast(50));
        var inside = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.1", score: 80));
        var outside = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.2", score: 10));
        await using var stream = await SseConnection.OpenAsync(sim);
        await stream.NextAsync();

        sim.Platform.UpdateIndicator(outside.Id, i => i with { Score = 20 });
        sim.Platform.UpdateIndicator(inside.Id, i => i with { Score = 90 });
        var frame = await stream.NextEventAsync();

        Assert.Equal("update", frame.Event);
        Assert.Equal(inside.Id, frame.InternalId);
        await stream.AssertNoEventAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Leaving_is_not_sent_when_deletes_are_not_listened_to()
    {
        await using var sim = await Sim.StartAsync(filters: Sim.ScoreAtLeast(50));
        var indicator = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.1", score: 80));
        await using var stream = await SseConnection.OpenAsync(sim, headers: new Dictionary<string, string> { ["listen-delete"] = "false" });
        await stream.NextAsync();

        sim.Platform.UpdateIndicator(indicator.Id, i => i with { Score = 10 });

        await stream.AssertNoEventAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task A_label_filter_by_label_id_sees_labels_added_and_removed()
    {
        var c2 = new OpenCtiSimPlatform().LabelId("c2");
        var filters = $$"""{"mode":"and","filters":[{"key":["entity_type"],"values":["Indicator"],"operator":"eq","mode":"or"},{"key":["objectLabel"],"values":["{{c2}}"],"operator":"eq","mode":"or"}],"filterGroups":[]}""";
        await using var sim = await Sim.StartAsync(filters: filters);
        var indicator = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.1", 50, "scanner"));
        await using var stream = await SseConnection.OpenAsync(sim);
        await stream.NextAsync();

        sim.Platform.UpdateIndicator(indicator.Id, i => i with { Labels = ["scanner", "c2"] });
        sim.Platform.UpdateIndicator(indicator.Id, i => i with { Labels = ["scanner"] });
        var frames = await stream.NextEventsAsync(2);

        Assert.Equal(["create", "delete"], frames.Select(f => f.Event).ToArray());
    }

    [Fact]
    public async Task Changing_the_stream_filters_applies_to_open_connections_from_the_next_event()
    {
        await using var sim = await Sim.StartAsync();
        await using var stream = await SseConnection.OpenAsync(sim);
        await stream.NextAsync();

        sim.Platform.SetStreamFilters(sim.Options.LiveStreamId, Sim.ScoreAtLeast(60));
        sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.1", score: 10));
        var high = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.2", score: 70));

        Assert.Equal(high.Id, (await stream.NextEventAsync()).InternalId);
    }

    [Fact]
    public void Stream_filters_that_cannot_be_evaluated_are_refused()
    {
        var platform = new OpenCtiSimPlatform();

        Assert.Throws<ArgumentException>(() => platform.SetStreamFilters(platform.Options.LiveStreamId, """{"mode":"and","filters":[{"key":["no_such_key"],"values":["x"]}],"filterGroups":[]}"""));
        Assert.Throws<ArgumentException>(() => platform.SetStreamFilters(platform.Options.LiveStreamId, """{"mode":"and","filters":[{"key":["x_opencti_score"],"values":["high"],"operator":"gte"}],"filterGroups":[]}"""));
        Assert.Throws<ArgumentException>(() => platform.SetStreamFilters(platform.Options.LiveStreamId, "not json"));
    }
}
