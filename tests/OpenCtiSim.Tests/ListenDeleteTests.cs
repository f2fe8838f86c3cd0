using OpenCtiSim.Tests.Support;

namespace OpenCtiSim.Tests;

public sealed class ListenDeleteTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("true", true)]
    [InlineData("False", true)]
    [InlineData("0", true)]
    [InlineData("false", false)]
    public async Task Only_the_literal_false_suppresses_delete_events(string? listenDelete, bool deleteExpected)
    {
        await using var sim = await Sim.StartAsync();
        var doomed = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.1"));
        var headers = listenDelete is null ? null : new Dictionary<string, string> { ["listen-delete"] = listenDelete };
        await using var stream = await SseConnection.OpenAsync(sim, headers: headers);
        await stream.NextAsync();

        sim.Platform.DeleteIndicator(doomed.Id);
        var marker = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.2"));

        var next = await stream.NextEventAsync();
        if (deleteExpected)
        {
            Assert.Equal("delete", next.Event);
            Assert.Equal(doomed.Id, next.InternalId);
            Assert.Equal("delete", next.Payload["type"]!.GetValue<string>());
            Assert.Null(next.Payload["context"]);
            next = await stream.NextEventAsync();
        }

        Assert.Equal(marker.Id, next.InternalId);
    }

    [Fact]
    public async Task Delete_event_carries_the_full_object_as_it_was()
    {
        await using var sim = await Sim.StartAsync();
        var doomed = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.1", 70, "c2") with { Description = "bye" });
        await using var stream = await SseConnection.OpenAsync(sim);
        await stream.NextAsync();

        sim.Platform.DeleteIndicator(doomed.Id);
        var frame = await stream.NextEventAsync();

        Assert.Equal(doomed.Pattern, frame.Stix["pattern"]!.GetValue<string>());
        Assert.Equal("bye", frame.Stix["description"]!.GetValue<string>());
        Assert.Equal("c2", frame.Stix["labels"]![0]!.GetValue<string>());
        Assert.Null(sim.Platform.GetIndicator(doomed.Id));
    }
}
