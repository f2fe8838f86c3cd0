using Connector.OpenCti.GraphQl;
using Connector.OpenCti.Tests.Support;
using OpenCtiSim;

namespace Connector.OpenCti.Tests.Integration;

/// <summary>The GraphQL client against the simulator.</summary>
public sealed class GraphQlSimTests
{
    private const string HighScoreFilters =
        """{"mode":"and","filters":[{"key":["entity_type"],"values":["Indicator"],"operator":"eq","mode":"or"},{"key":["x_opencti_score"],"values":["50"],"operator":"gte","mode":"or"}],"filterGroups":[]}""";

    [Fact]
    public async Task About_reports_the_platform_version()
    {
        await using var harness = await SimHarness.StartAsync();

        Assert.Equal(harness.Sim.Options.PlatformVersion, await harness.GraphQl.GetVersionAsync());
    }

    [Fact]
    public async Task The_stream_collection_gives_the_streams_filters_as_a_json_string()
    {
        await using var harness = await SimHarness.StartAsync();

        var stream = await harness.GraphQl.GetStreamCollectionAsync(harness.Settings.StreamId);

        Assert.NotNull(stream);
        Assert.Equal(harness.Settings.StreamId, stream.Id);
        Assert.Equal(harness.Sim.Options.LiveStreamName, stream.Name);
        Assert.Equal(harness.Sim.Options.LiveStreamFilters, stream.Filters);
        Assert.True(stream.StreamLive);
    }

    [Fact]
    public async Task An_unknown_stream_collection_is_null()
    {
        await using var harness = await SimHarness.StartAsync();

        Assert.Null(await harness.GraphQl.GetStreamCollectionAsync("no-such-stream"));
    }

    [Fact]
    public async Task Listing_with_the_streams_filters_pages_through_every_indicator()
    {
        await using var harness = await SimHarness.StartAsync(new OpenCtiSimOptions { SeedIndicators = 1234 });
        var filters = (await harness.GraphQl.GetStreamCollectionAsync(harness.Settings.StreamId))!.Filters;

        var listed = await ToListAsync(harness.GraphQl.ListIndicatorsAsync(filters, pageSize: 500));

        Assert.Equal(harness.Platform.Indicators.Select(i => i.StandardId).Order(), listed.Select(i => i.Id).Order());
        Assert.Equal(3, harness.Platform.Counters.GraphQlCallsOf("indicators"));
        var sample = harness.Platform.Indicators[17];
        var read = Assert.Single(listed, i => i.Id == sample.StandardId);
        Assert.Equal(sample.Id, read.InternalId);
        Assert.Equal(sample.Pattern, read.Pattern);
        Assert.Equal(sample.PatternType, read.PatternType);
        Assert.Equal(sample.Score, read.Score);
        Assert.Equal(sample.Platforms, read.Platforms);
        Assert.Equal(sample.Labels.Order(), read.Labels.Order());
        Assert.Equal(sample.Revoked, read.Revoked);
    }

    [Fact]
    public async Task Listing_applies_a_filtered_streams_filters_unchanged()
    {
        await using var harness = await SimHarness.StartAsync(new OpenCtiSimOptions { SeedIndicators = 300 });
        harness.Platform.CreateLiveStream("high-scores", "Scores of 50 and more", HighScoreFilters);
        var filters = (await harness.GraphQl.GetStreamCollectionAsync("high-scores"))!.Filters;

        var listed = await ToListAsync(harness.GraphQl.ListIndicatorsAsync(filters, pageSize: 100));

        var expected = harness.Platform.Indicators.Where(i => i.Score >= 50).Select(i => i.StandardId).Order().ToList();
        Assert.NotEmpty(expected);
        Assert.True(expected.Count < harness.Platform.IndicatorCount, "the filter leaves some out");
        Assert.Equal(expected, listed.Select(i => i.Id).Order());
        Assert.All(listed, i => Assert.True(i.Score >= 50));
    }

    [Fact]
    public async Task A_page_reports_its_cursor_and_the_total()
    {
        await using var harness = await SimHarness.StartAsync(new OpenCtiSimOptions { SeedIndicators = 30 });

        var first = await harness.GraphQl.GetIndicatorsPageAsync(null, first: 20);
        var second = await harness.GraphQl.GetIndicatorsPageAsync(null, first: 20, after: first.EndCursor);

        Assert.Equal(20, first.Items.Count);
        Assert.True(first.HasNextPage);
        Assert.Equal(30, first.GlobalCount);
        Assert.Equal(10, second.Items.Count);
        Assert.False(second.HasNextPage);
        Assert.Empty(first.Items.Select(i => i.Id).Intersect(second.Items.Select(i => i.Id)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5001)]
    public async Task Page_sizes_outside_the_platforms_range_are_refused(int pageSize)
    {
        await using var harness = await SimHarness.StartAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ToListAsync(harness.GraphQl.ListIndicatorsAsync(null, pageSize)));
    }

    [Fact]
    public async Task Filters_that_are_not_json_are_refused_before_any_call()
    {
        await using var harness = await SimHarness.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => harness.GraphQl.GetIndicatorsPageAsync("{not json"));
        Assert.Equal(0, harness.Platform.Counters.GraphQlCallsOf("indicators"));
    }

    [Fact]
    public async Task Server_errors_are_retried()
    {
        await using var harness = await SimHarness.StartAsync();
        harness.Platform.Faults.FailNextGraphQlRequests(2);

        var version = await harness.GraphQl.GetVersionAsync();

        Assert.Equal(harness.Sim.Options.PlatformVersion, version);
        Assert.Equal(2, harness.Platform.Counters.InjectedFailures);
    }

    [Fact]
    public async Task GraphQl_errors_become_a_typed_exception_with_the_platforms_message()
    {
        await using var harness = await SimHarness.StartAsync();

        var exception = await Assert.ThrowsAsync<OpenCtiGraphQlException>(() => harness.GraphQl.PingConnectorAsync("00000000-0000-0000-0000-000000000000", null));

        Assert.Equal("PingConnector", exception.Operation);
        Assert.Contains("No connector found with the specified ID", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_token_is_a_typed_error_that_does_not_show_the_token()
    {
        await using var harness = await SimHarness.StartAsync(token: "wrong-token-9d1c");

        var exception = await Assert.ThrowsAsync<OpenCtiGraphQlException>(() => harness.GraphQl.GetVersionAsync());

        Assert.Equal("AUTH_REQUIRED", exception.Code);
        Assert.DoesNotContain("wrong-token-9d1c", exception.ToString(), StringComparison.Ordinal);
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
