using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OpenCtiSim.Tests.Support;

namespace OpenCtiSim.Tests;

public sealed class SimHookTests
{
    [Fact]
    public async Task Indicators_can_be_created_changed_revoked_and_deleted_over_http_and_the_stream_follows()
    {
        await using var sim = await Sim.StartAsync();
        using var http = new HttpClient { BaseAddress = sim.BaseAddress };
        await using var stream = await SseConnection.OpenAsync(sim);
        await stream.NextAsync();

        using var created = await http.PostAsJsonAsync("_sim/indicators", new JsonObject
        {
            ["pattern"] = "[domain-name:value = 'hook.example']",
            ["score"] = 70,
            ["labels"] = new JsonArray("c2"),
            ["platforms"] = new JsonArray("windows"),
            ["marking_refs"] = new JsonArray(Sim.MarkingGreen),
        });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var stix = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        var id = stix["extensions"]!["extension-definition--ea279b3e-5c71-4632-ac08-831c66a786ba"]!["id"]!.GetValue<string>();

        using var patched = await http.PatchAsJsonAsync($"_sim/indicators/{id}", new JsonObject { ["score"] = 20, ["description"] = "changed" });
        using var revoked = await http.PostAsync(new Uri($"_sim/indicators/{id}/revoke", UriKind.Relative), null);
        using var deleted = await http.DeleteAsync(new Uri($"_sim/indicators/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var frames = await stream.NextEventsAsync(5);
        Assert.Equal(["create", "create", "update", "update", "delete"], frames.Select(f => f.Event).ToArray());
        Assert.Equal("marking-definition", frames[0].StixType);
        Assert.Equal("changed", frames[2].Stix["description"]!.GetValue<string>());
        Assert.True(frames[3].Stix["revoked"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Generate_trim_streams_faults_and_counters_over_http()
    {
        await using var sim = await Sim.StartAsync();
        using var http = new HttpClient { BaseAddress = sim.BaseAddress };

        using var generated = await http.PostAsync(new Uri("_sim/indicators/generate?count=25", UriKind.Relative), null);
        var generatedBody = JsonNode.Parse(await generated.Content.ReadAsStringAsync())!;
        using var trimmed = await http.PostAsJsonAsync("_sim/history/trim", new JsonObject { ["keep"] = 5 });
        using var stopped = await http.PutAsJsonAsync($"_sim/streams/{sim.Options.LiveStreamId}/status", new JsonObject { ["status"] = "stopped" });
        using var filtered = await http.PutAsync(new Uri($"_sim/streams/{sim.Options.LiveStreamId}/filters", UriKind.Relative), new StringContent(Sim.ScoreAtLeast(10)));
        using var badFilter = await http.PutAsync(new Uri($"_sim/streams/{sim.Options.LiveStreamId}/filters", UriKind.Relative), new StringContent("{\"mode\":\"nope\"}"));
        using var faults = await http.PostAsJsonAsync("_sim/faults", new JsonObject { ["fail_graphql"] = 1 });
        using var counters = await http.GetAsync(new Uri("_sim/counters", UriKind.Relative));

        Assert.Equal(25, generatedBody["created"]!.GetValue<int>());
        Assert.Equal(25, sim.Platform.IndicatorCount);
        Assert.Equal(HttpStatusCode.OK, trimmed.StatusCode);
        Assert.Equal(5, sim.Platform.EventCount);
        Assert.Equal(LiveStreamStatus.Stopped, sim.Platform.GetLiveStream(sim.Options.LiveStreamId)!.Status);
        Assert.Equal(Sim.ScoreAtLeast(10), sim.Platform.GetLiveStream(sim.Options.LiveStreamId)!.Filters);
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, faults.StatusCode);
        Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
        using var client = new GraphQlClient(sim);
        using var failed = await client.PostAsync("query { about { version } }");
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
    }

    [Fact]
    public async Task Unknown_ids_are_404_and_bad_changes_are_400()
    {
        await using var sim = await Sim.StartAsync();
        using var http = new HttpClient { BaseAddress = sim.BaseAddress };
        var indicator = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.1"));

        using var missing = await http.DeleteAsync(new Uri("_sim/indicators/nope", UriKind.Relative));
        using var bad = await http.PatchAsJsonAsync($"_sim/indicators/{indicator.Id}", new JsonObject { ["colour"] = "red" });
        using var duplicate = await http.PostAsJsonAsync("_sim/indicators", new JsonObject { ["pattern"] = indicator.Pattern });

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
    }
}
