using System.Text.Json.Nodes;
using OpenCtiSim.Tests.Support;

namespace OpenCtiSim.Tests;

public sealed class GraphQlIndicatorsTests
{
    private const string Query = """
        query Indicators($filters: FilterGroup, $first: Int, $after: ID) {
          indicators(filters: $filters, first: $first, after: $after, orderBy: created_at, orderMode: asc) {
            edges { node { id standard_id name description pattern pattern_type revoked valid_from valid_until
                           x_opencti_score x_mitre_platforms x_opencti_main_observable_type updated_at
                           objectLabel { value } } }
            pageInfo { endCursor hasNextPage globalCount } } }
        """;

    private static async Task<List<JsonObject>> ListAllAsync(GraphQlClient client, JsonNode? filters, int? first, List<JsonObject>? pages = null)
    {
        var nodes = new List<JsonObject>();
        string? after = null;
        while (true)
        {
            var variables = new JsonObject { ["filters"] = filters?.DeepClone(), ["after"] = after };
            if (first is { } size)
            {
                variables["first"] = size;
            }

            var connection = (await client.DataAsync(Query, variables))["indicators"]!;
            pages?.Add(connection["pageInfo"]!.AsObject());
            nodes.AddRange(connection["edges"]!.AsArray().Select(e => e!["node"]!.AsObject()));
            if (!connection["pageInfo"]!["hasNextPage"]!.GetValue<bool>())
            {
                return nodes;
            }

            after = connection["pageInfo"]!["endCursor"]!.GetValue<string>();
        }
    }

    private static JsonNode Filters(string json) => JsonNode.Parse(json)!;

    [Fact]
    public async Task Paging_returns_every_indicator_once_in_created_order_with_the_global_count()
    {
        await using var sim = await Sim.StartAsync(seedIndicators: 53);
        using var client = new GraphQlClient(sim);
        var pages = new List<JsonObject>();

        var nodes = await ListAllAsync(client, null, first: 10, pages);

        Assert.Equal(6, pages.Count);
        Assert.All(pages, p => Assert.Equal(53, p["globalCount"]!.GetValue<int>()));
        Assert.Equal(53, nodes.Select(n => n["id"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(sim.Platform.Indicators.Select(i => i.Id), nodes.Select(n => n["id"]!.GetValue<string>()));
        Assert.Equal(
            ["id", "standard_id", "name", "description", "pattern", "pattern_type", "revoked", "valid_from", "valid_until",
             "x_opencti_score", "x_mitre_platforms", "x_opencti_main_observable_type", "updated_at", "objectLabel"],
            nodes[0].Select(p => p.Key).ToArray());
    }

    [Fact]
    public async Task Node_fields_reflect_the_indicator()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new GraphQlClient(sim);
        var created = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.7", 85, "c2", "botnet") with
        {
            Platforms = ["windows", "android"],
            Description = "d",
            ValidUntil = DateTimeOffset.Parse("2031-02-03T04:05:06.789Z", System.Globalization.CultureInfo.InvariantCulture),
        });

        var node = (await ListAllAsync(client, null, null)).Single();

        Assert.Equal(created.Id, node["id"]!.GetValue<string>());
        Assert.Equal(created.StandardId, node["standard_id"]!.GetValue<string>());
        Assert.Equal(created.Pattern, node["pattern"]!.GetValue<string>());
        Assert.Equal("stix", node["pattern_type"]!.GetValue<string>());
        Assert.Equal(85, node["x_opencti_score"]!.GetValue<int>());
        Assert.Equal(["windows", "android"], node["x_mitre_platforms"]!.AsArray().Select(p => p!.GetValue<string>()).ToArray());
        Assert.Equal("IPv4-Addr", node["x_opencti_main_observable_type"]!.GetValue<string>());
        Assert.Equal("2031-02-03T04:05:06.789Z", node["valid_until"]!.GetValue<string>());
        Assert.Equal(["c2", "botnet"], node["objectLabel"]!.AsArray().Select(l => l!["value"]!.GetValue<string>()).ToArray());
        Assert.False(node["revoked"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Page_size_defaults_to_500_and_is_capped_at_5000()
    {
        await using var sim = await Sim.StartAsync(seedIndicators: 5100);
        using var client = new GraphQlClient(sim);

        var byDefault = (await client.DataAsync(Query, new JsonObject()))["indicators"]!;
        var capped = (await client.DataAsync(Query, new JsonObject { ["first"] = 100_000 }))["indicators"]!;

        Assert.Equal(500, byDefault["edges"]!.AsArray().Count);
        Assert.True(byDefault["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Equal(5000, capped["edges"]!.AsArray().Count);
        Assert.Equal(5100, capped["pageInfo"]!["globalCount"]!.GetValue<int>());
    }

    public static TheoryData<string, Func<SimIndicator, bool>> FilterCases => new()
    {
        {
            """{"mode":"and","filters":[{"key":["x_opencti_score"],"values":["60"],"operator":"gte","mode":"or"}],"filterGroups":[]}""",
            i => i.Score >= 60
        },
        {
            """{"mode":"and","filters":[{"key":["x_opencti_score"],"values":["30"],"operator":"lt","mode":"or"}],"filterGroups":[]}""",
            i => i.Score < 30
        },
        {
            """{"mode":"and","filters":[{"key":["revoked"],"values":["false"],"operator":"eq","mode":"or"},{"key":["pattern_type"],"values":["stix"],"operator":"eq","mode":"or"}],"filterGroups":[]}""",
            i => !i.Revoked && i.PatternType == "stix"
        },
        {
            """{"mode":"and","filters":[{"key":["objectLabel"],"values":["c2","phishing"],"operator":"eq","mode":"or"}],"filterGroups":[]}""",
            i => i.Labels.Contains("c2") || i.Labels.Contains("phishing")
        },
        {
            """{"mode":"and","filters":[{"key":["objectLabel"],"values":["c2"],"operator":"not_eq","mode":"and"}],"filterGroups":[]}""",
            i => !i.Labels.Contains("c2")
        },
        {
            """{"mode":"and","filters":[{"key":["x_opencti_main_observable_type"],"values":["IPv4-Addr","Domain-Name"],"operator":"eq","mode":"or"}],"filterGroups":[]}""",
            i => i.MainObservableType is "IPv4-Addr" or "Domain-Name"
        },
        {
            """{"mode":"or","filters":[{"key":["x_opencti_score"],"values":["90"],"operator":"gt","mode":"or"}],"filterGroups":[{"mode":"and","filters":[{"key":["pattern_type"],"values":["yara"],"operator":"eq","mode":"or"},{"key":["revoked"],"values":["true"],"operator":"not_eq","mode":"or"}],"filterGroups":[]}]}""",
            i => i.Score > 90 || (i.PatternType == "yara" && !i.Revoked)
        },
        {
            """{"mode":"and","filters":[{"key":["x_opencti_score"],"values":[],"operator":"nil","mode":"or"}],"filterGroups":[]}""",
            i => i.Score is null
        },
        {
            """{"mode":"and","filters":[{"key":["x_mitre_platforms"],"values":["android"],"operator":"eq","mode":"or"}],"filterGroups":[]}""",
            i => i.Platforms.Contains("android")
        },
        {
            """{"mode":"and","filters":[{"key":["entity_type"],"values":["Indicator"],"operator":"eq","mode":"or"}],"filterGroups":[]}""",
            _ => true
        },
        {
            """{"mode":"and","filters":[{"key":["entity_type"],"values":["Malware"],"operator":"eq","mode":"or"}],"filterGroups":[]}""",
            _ => false
        },
    };

    [Theory]
    [MemberData(nameof(FilterCases))]
    public async Task Filtering_selects_exactly_the_matching_indicators(string filters, Func<SimIndicator, bool> expected)
    {
        await using var sim = await Sim.StartAsync(seedIndicators: 300);
        using var client = new GraphQlClient(sim);

        var nodes = await ListAllAsync(client, Filters(filters), first: 100);

        var wanted = sim.Platform.Indicators.Where(expected).Select(i => i.Id).Order().ToList();
        Assert.Equal(wanted, nodes.Select(n => n["id"]!.GetValue<string>()).Order().ToList());
    }

    [Fact]
    public async Task Label_filters_take_label_ids_as_on_the_platform()
    {
        await using var sim = await Sim.StartAsync(seedIndicators: 200);
        using var client = new GraphQlClient(sim);
        var c2Id = sim.Platform.LabelId("c2");

        var nodes = await ListAllAsync(client, Filters($$"""{"mode":"and","filters":[{"key":["objectLabel"],"values":["{{c2Id}}"],"operator":"eq","mode":"or"}],"filterGroups":[]}"""), first: 500);

        Assert.NotEmpty(nodes);
        Assert.Equal(sim.Platform.Indicators.Count(i => i.Labels.Contains("c2")), nodes.Count);
        Assert.Contains(sim.Platform.Labels, l => l.Id == c2Id && l.Value == "c2");
    }

    [Fact]
    public async Task Listing_with_the_streams_filters_gives_exactly_what_the_stream_recovers()
    {
        const string filters = """{"mode":"and","filters":[{"key":["entity_type"],"values":["Indicator"],"operator":"eq","mode":"or"},{"key":["x_opencti_score"],"values":["50"],"operator":"gte","mode":"or"},{"key":["revoked"],"values":["false"],"operator":"eq","mode":"or"}],"filterGroups":[]}""";
        await using var sim = await Sim.StartAsync(filters: filters, seedIndicators: 400);
        using var client = new GraphQlClient(sim);

        var streamFilters = (await client.DataAsync(
            "query StreamCollection($id: String!) { streamCollection(id: $id) { filters } }",
            new JsonObject { ["id"] = sim.Options.LiveStreamId }))["streamCollection"]!["filters"]!.GetValue<string>();
        var listed = (await ListAllAsync(client, Filters(streamFilters), first: 64)).Select(n => n["id"]!.GetValue<string>()).Order().ToList();

        var recover = sim.Platform.LastEventId.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        await using var stream = await SseConnection.OpenAsync(sim, $"?from=0-0&recover={recover}");
        await stream.NextAsync();
        var recovered = new List<string>();
        while (recovered.Count < listed.Count)
        {
            var frame = await stream.NextEventAsync();
            if (frame.StixType == "indicator")
            {
                recovered.Add(frame.InternalId!);
            }
        }

        await stream.AssertNoEventAsync(TimeSpan.FromMilliseconds(300));
        Assert.InRange(listed.Count, 50, 399);
        Assert.Equal(listed, recovered.Order().ToList());
    }

    [Fact]
    public async Task Deleted_indicators_are_not_listed_and_updates_show_at_once()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new GraphQlClient(sim);
        var a = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.1"));
        var b = sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.2"));
        Assert.Equal(2, (await ListAllAsync(client, null, null)).Count);

        sim.Platform.DeleteIndicator(a.Id);
        sim.Platform.UpdateIndicator(b.Id, i => i with { Score = 99 });
        var nodes = await ListAllAsync(client, null, null);

        Assert.Equal(b.Id, nodes.Single()["id"]!.GetValue<string>());
        Assert.Equal(99, nodes.Single()["x_opencti_score"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("""{"mode":"and","filters":[{"key":["unknown_key"],"values":["x"],"operator":"eq"}],"filterGroups":[]}""")]
    [InlineData("""{"mode":"xor","filters":[],"filterGroups":[]}""")]
    [InlineData("""{"mode":"and","filters":[{"key":["x_opencti_score"],"values":["1"],"operator":"like"}],"filterGroups":[]}""")]
    public async Task Filters_the_simulator_cannot_evaluate_are_errors(string filters)
    {
        await using var sim = await Sim.StartAsync(seedIndicators: 3);
        using var client = new GraphQlClient(sim);

        var answer = await client.QueryAsync(Query, new JsonObject { ["filters"] = Filters(filters) });

        Assert.NotNull(answer["errors"]);
        Assert.Null(answer["data"]!["indicators"]);
    }

    [Fact]
    public async Task Ordering_by_score_descending_puts_missing_scores_last()
    {
        await using var sim = await Sim.StartAsync(seedIndicators: 80);
        using var client = new GraphQlClient(sim);

        var data = await client.DataAsync("query { indicators(first: 5000, orderBy: x_opencti_score, orderMode: desc) { edges { node { x_opencti_score } } } }");

        var scores = data["indicators"]!["edges"]!.AsArray().Select(e => e!["node"]!["x_opencti_score"]?.GetValue<int>()).ToList();
        var present = scores.TakeWhile(s => s is not null).ToList();
        Assert.Equal(present.OrderDescending().ToList(), present);
        Assert.All(scores.Skip(present.Count), s => Assert.Null(s));
        Assert.Contains(scores, s => s is null);
    }
}
