using System.Text.Json.Nodes;
using OpenCtiSim.Tests.Support;

namespace OpenCtiSim.Tests;

public sealed class GraphQlStreamCollectionTests
{
    private const string Query = "query StreamCollection($id: String!) { streamCollection(id: $id) { id name filters stream_live stream_public } }";

    [Fact]
    public async Task Stream_collection_returns_its_filters_as_a_json_string()
    {
        await using var sim = await Sim.StartAsync(filters: Sim.ScoreAtLeast(40));
        using var client = new GraphQlClient(sim);

        var data = await client.DataAsync(Query, new JsonObject { ["id"] = sim.Options.LiveStreamId });

        var stream = data["streamCollection"]!;
        Assert.Equal(sim.Options.LiveStreamId, stream["id"]!.GetValue<string>());
        Assert.Equal(Sim.ScoreAtLeast(40), stream["filters"]!.GetValue<string>());
        Assert.True(stream["stream_live"]!.GetValue<bool>());
        Assert.False(stream["stream_public"]!.GetValue<bool>());
        Assert.Equal("gte", JsonNode.Parse(stream["filters"]!.GetValue<string>())!["filters"]![1]!["operator"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stopped_stream_is_not_live_and_unknown_or_deleted_ones_are_null()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new GraphQlClient(sim);
        sim.Platform.CreateLiveStream("other", "Other", OpenCtiSimOptions.IndicatorOnlyFilters);
        sim.Platform.SetStreamStatus("other", LiveStreamStatus.Stopped);
        sim.Platform.SetStreamStatus(sim.Options.LiveStreamId, LiveStreamStatus.Deleted);

        var stopped = await client.DataAsync(Query, new JsonObject { ["id"] = "other" });
        var deleted = await client.DataAsync(Query, new JsonObject { ["id"] = sim.Options.LiveStreamId });
        var unknown = await client.DataAsync(Query, new JsonObject { ["id"] = "nope" });

        Assert.False(stopped["streamCollection"]!["stream_live"]!.GetValue<bool>());
        Assert.Null(deleted["streamCollection"]);
        Assert.Null(unknown["streamCollection"]);
    }
}
