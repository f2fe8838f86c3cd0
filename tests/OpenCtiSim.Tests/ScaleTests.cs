using System.Text.Json.Nodes;
using OpenCtiSim.Tests.Support;

namespace OpenCtiSim.Tests;

public sealed class ScaleTests
{
    [Fact]
    public async Task A_hundred_thousand_indicators_recover_completely_and_page_completely()
    {
        const int count = 100_000;
        await using var sim = await Sim.StartAsync();
        sim.Platform.GenerateIndicators(count);
        var recover = sim.Platform.LastEventId.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

        await using var stream = await SseConnection.OpenAsync(sim, $"?from=0-0&recover={recover}");
        await stream.NextAsync();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (seen.Count < count)
        {
            var frame = await stream.NextEventAsync(TimeSpan.FromSeconds(60));
            if (frame.StixType == "indicator")
            {
                Assert.True(seen.Add(frame.InternalId!), "an indicator was recovered twice");
            }
        }

        using var client = new GraphQlClient(sim);
        var listed = 0;
        string? after = null;
        do
        {
            var connection = (await client.DataAsync(
                "query Indicators($first: Int, $after: ID) { indicators(first: $first, after: $after) { edges { node { id } } pageInfo { endCursor hasNextPage globalCount } } }",
                new JsonObject { ["first"] = 5000, ["after"] = after }))["indicators"]!;
            listed += connection["edges"]!.AsArray().Count;
            after = connection["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? connection["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        }
        while (after is not null);

        Assert.Equal(count, listed);
    }
}
