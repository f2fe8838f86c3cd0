using System.Text.Json.Nodes;
using OpenCtiSim.Tests.Support;

namespace OpenCtiSim.Tests;

public sealed class UpdatePatchTests
{
    public static TheoryData<string, Func<SimIndicator, SimIndicator>> Changes => new()
    {
        { "score", i => i with { Score = 95 } },
        { "score removed", i => i with { Score = null } },
        { "label added", i => i with { Labels = [.. i.Labels, "ransomware"] } },
        { "labels removed", i => i with { Labels = [] } },
        { "platforms added", i => i with { Platforms = ["windows", "linux"] } },
        { "pattern", i => i with { Pattern = "[ipv4-addr:value = '203.0.113.9']", Name = "203.0.113.9" } },
        { "revoked", i => i with { Revoked = true } },
        { "valid_until", i => i with { ValidUntil = DateTimeOffset.Parse("2031-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture) } },
        { "description with quote", i => i with { Description = "it's \"quoted\" / and ~ escaped\nnew line" } },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task Patch_turns_the_previous_object_into_data_and_reverse_patch_turns_data_back(string change, Func<SimIndicator, SimIndicator> apply)
    {
        await using var sim = await Sim.StartAsync();
        var indicator = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.7", 40, "c2", "botnet") with { Platforms = ["macos"] });
        await using var stream = await SseConnection.OpenAsync(sim, "?from=0-0");
        await stream.NextAsync();
        var previous = (await stream.NextEventAsync()).Stix;
        await Task.Delay(2);

        sim.Platform.UpdateIndicator(indicator.Id, apply);
        var frame = await stream.NextEventAsync();

        Assert.Equal("update", frame.Event);
        Assert.Equal("update", frame.Payload["type"]!.GetValue<string>());
        var patch = frame.Payload["context"]!["patch"]!.AsArray();
        var reverse = frame.Payload["context"]!["reverse_patch"]!.AsArray();
        Assert.NotEmpty(patch);
        Assert.True(JsonNode.DeepEquals(frame.Stix, JsonPatch.Apply(previous, patch)), $"{change}: patch does not produce data");
        Assert.True(JsonNode.DeepEquals(previous, JsonPatch.Apply(frame.Stix, reverse)), $"{change}: reverse_patch does not produce the previous object");
    }

    [Fact]
    public async Task A_pattern_change_gives_a_new_standard_id_and_the_reverse_patch_holds_the_old_pattern()
    {
        await using var sim = await Sim.StartAsync();
        var indicator = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.7"));
        await using var stream = await SseConnection.OpenAsync(sim);
        await stream.NextAsync();

        var updated = sim.Platform.UpdateIndicator(indicator.Id, i => i with { Pattern = "[ipv4-addr:value = '203.0.113.9']" });
        var frame = await stream.NextEventAsync();

        Assert.NotEqual(indicator.StandardId, updated.StandardId);
        Assert.Equal(updated.StandardId, frame.StixId);
        Assert.Equal(indicator.Id, frame.InternalId);
        var before = JsonPatch.Apply(frame.Stix, frame.Payload["context"]!["reverse_patch"]!.AsArray());
        Assert.Equal(indicator.Pattern, before["pattern"]!.GetValue<string>());
        Assert.Equal(updated, sim.Platform.GetIndicator(indicator.StandardId));
    }

    [Fact]
    public async Task A_change_that_changes_nothing_emits_no_event()
    {
        await using var sim = await Sim.StartAsync();
        var indicator = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.7"));
        var last = sim.Platform.LastEventId;

        var same = sim.Platform.UpdateIndicator(indicator.Id, i => i);

        Assert.Equal(indicator, same);
        Assert.Equal(last, sim.Platform.LastEventId);
    }
}
