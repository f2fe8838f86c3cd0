using OpenCtiSim.Tests.Support;

namespace OpenCtiSim.Tests;

public sealed class DependencyFrameTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Marking_and_author_precede_the_indicator_with_the_parents_id_once_per_connection(bool noDependencies)
    {
        await using var sim = await Sim.StartAsync();
        var author = sim.Platform.Identities[0];
        var headers = new Dictionary<string, string> { ["no-dependencies"] = noDependencies ? "true" : "false" };
        await using var stream = await SseConnection.OpenAsync(sim, headers: headers);
        await stream.NextAsync();

        var first = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.1") with { MarkingRefs = [Sim.MarkingGreen], CreatedByRef = author.StandardId });
        var frames = await stream.NextEventsAsync(3);

        Assert.Equal(["marking-definition", "identity", "indicator"], frames.Select(f => f.StixType!).ToArray());
        Assert.All(frames, f => Assert.Equal("create", f.Event));
        Assert.All(frames, f => Assert.Equal(sim.Platform.LastEventId.ToString(), f.Id));
        Assert.Equal(Sim.MarkingGreen, frames[0].StixId);
        Assert.Equal(author.StandardId, frames[1].StixId);
        Assert.Equal(first.Id, frames[2].InternalId);

        // Already sent on this connection: the next indicator with the same references comes alone.
        var second = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.2") with { MarkingRefs = [Sim.MarkingGreen], CreatedByRef = author.StandardId });
        var next = await stream.NextEventAsync();
        Assert.Equal(second.Id, next.InternalId);

        // A new marking is sent before the indicator that first uses it.
        sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.3") with { MarkingRefs = [Sim.MarkingAmber] });
        var amber = await stream.NextEventsAsync(2);
        Assert.Equal([Sim.MarkingAmber, "indicator"], new[] { amber[0].StixId!, amber[1].StixType! });
        Assert.Equal(amber[0].Id, amber[1].Id);
    }

    [Fact]
    public async Task Recovery_sends_dependencies_too_under_the_recovery_frame_id()
    {
        await using var sim = await Sim.StartAsync();
        var indicator = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.1") with { MarkingRefs = [Sim.MarkingGreen] });
        var recover = indicator.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

        await using var stream = await SseConnection.OpenAsync(sim, $"?from=0-0&recover={recover}");
        await stream.NextAsync();
        var frames = await stream.NextEventsAsync(2);

        Assert.Equal("marking-definition", frames[0].StixType);
        Assert.Equal("init-create", frames[0].Payload["origin"]!["referer"]!.GetValue<string>());
        Assert.Equal(frames[1].Id, frames[0].Id);
        Assert.Equal($"{indicator.UpdatedAt.ToUnixTimeMilliseconds()}-0", frames[1].Id);
    }
}
