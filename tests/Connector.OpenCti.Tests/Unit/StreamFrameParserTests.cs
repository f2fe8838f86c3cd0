using System.Text;
using Connector.OpenCti.LiveStream;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connector.OpenCti.Tests.Unit;

public sealed class StreamFrameParserTests
{
    private static readonly StreamEventId FrameId = StreamEventId.Parse("1717236930123-0");

    private readonly StreamFrameParser parser = new(keepRawData: false, NullLogger.Instance);

    [Theory]
    [InlineData("create", IndicatorEventKind.Create)]
    [InlineData("update", IndicatorEventKind.Update)]
    [InlineData("delete", IndicatorEventKind.Delete)]
    [InlineData("merge", IndicatorEventKind.Merge)]
    public void Dispatches_on_the_sse_event_name(string eventName, IndicatorEventKind kind)
    {
        var result = Parse(eventName, Payload("create", Indicator("indicator--1", "[ipv4-addr:value = '1.2.3.4']")));

        var indicatorEvent = Assert.IsType<IndicatorEvent>(result);
        Assert.Equal(kind, indicatorEvent.Kind);
        Assert.Equal(FrameId, indicatorEvent.Id);
        Assert.Equal("indicator--1", indicatorEvent.Indicator.Id);
    }

    [Fact]
    public void An_update_entering_the_filter_arrives_as_create_and_is_a_create()
    {
        var result = Parse("create", Payload("update", Indicator("indicator--1", "[ipv4-addr:value = '1.2.3.4']"), context: """{"patch":[],"reverse_patch":[]}"""));

        var indicatorEvent = Assert.IsType<IndicatorEvent>(result);
        Assert.Equal(IndicatorEventKind.Create, indicatorEvent.Kind);
        Assert.Equal("update", indicatorEvent.PayloadType);
    }

    [Fact]
    public void An_update_leaving_the_filter_arrives_as_delete_and_is_a_delete()
    {
        var result = Parse("delete", Payload("update", Indicator("indicator--1", "[ipv4-addr:value = '1.2.3.4']"), context: """{"patch":[],"reverse_patch":[]}"""));

        Assert.Equal(IndicatorEventKind.Delete, Assert.IsType<IndicatorEvent>(result).Kind);
    }

    [Fact]
    public void Update_gives_the_previous_indicator_from_reverse_patch()
    {
        var data = Indicator("indicator--1", "[ipv4-addr:value = '203.0.113.9']");
        var context = """
            {"patch":[{"op":"replace","path":"/pattern","value":"[ipv4-addr:value = '203.0.113.9']"}],
             "reverse_patch":[{"op":"replace","path":"/pattern","value":"[ipv4-addr:value = '198.51.100.7']"},{"op":"add","path":"/labels","value":["old"]}]}
            """;

        var result = Assert.IsType<IndicatorEvent>(Parse("update", Payload("update", data, context)));

        Assert.Equal("[ipv4-addr:value = '203.0.113.9']", result.Indicator.Pattern);
        Assert.NotNull(result.Previous);
        Assert.Equal("[ipv4-addr:value = '198.51.100.7']", result.Previous.Pattern);
        Assert.Equal(["old"], result.Previous.Labels);
        Assert.Equal("indicator--1", result.Previous.Id);
    }

    [Fact]
    public void A_reverse_patch_that_does_not_apply_leaves_previous_unknown_but_keeps_the_event()
    {
        var context = """{"reverse_patch":[{"op":"remove","path":"/does_not_exist"}]}""";

        var result = Assert.IsType<IndicatorEvent>(Parse("update", Payload("update", Indicator("indicator--1", "[x]"), context)));

        Assert.Null(result.Previous);
    }

    [Fact]
    public void A_create_without_context_has_no_previous()
    {
        var result = Assert.IsType<IndicatorEvent>(Parse("create", Payload("create", Indicator("indicator--1", "[x]"))));

        Assert.Null(result.Previous);
        Assert.Empty(result.MergedSources);
    }

    [Fact]
    public void Merge_lists_the_absorbed_indicators()
    {
        var context = $$"""
            {"sources":[{{Indicator("indicator--gone-1", "[ipv4-addr:value = '10.0.0.1']")}},{{Indicator("indicator--gone-2", "[ipv4-addr:value = '10.0.0.2']")}}]}
            """;

        var result = Assert.IsType<IndicatorEvent>(Parse("merge", Payload("merge", Indicator("indicator--kept", "[ipv4-addr:value = '10.0.0.3']"), context)));

        Assert.Equal(IndicatorEventKind.Merge, result.Kind);
        Assert.Equal("indicator--kept", result.Indicator.Id);
        Assert.Equal(["indicator--gone-1", "indicator--gone-2"], result.MergedSources.Select(s => s.Id));
        Assert.Equal("[ipv4-addr:value = '10.0.0.1']", result.MergedSources[0].Pattern);
    }

    [Theory]
    [InlineData("marking-definition")]
    [InlineData("identity")]
    [InlineData("relationship")]
    public void Non_indicator_objects_are_skipped_even_when_sent_as_create(string type)
    {
        var result = Parse("create", $$$"""{"version":"4","type":"create","data":{"id":"{{{type}}}--1","type":"{{{type}}}"}}""");

        var skipped = Assert.IsType<StreamSkipped>(result);
        Assert.Equal(SkipReason.NotAnIndicator, skipped.Reason);
        Assert.Equal(type, skipped.Detail);
        Assert.Equal(FrameId, skipped.Id);
    }

    [Fact]
    public void The_payload_type_is_never_taken_for_the_object_type()
    {
        // data.type "indicator" decides it is an indicator; the payload's "type" is the operation.
        var result = Parse("create", """{"version":"4","type":"indicator","data":{"id":"identity--1","type":"identity"}}""");

        Assert.Equal(SkipReason.NotAnIndicator, Assert.IsType<StreamSkipped>(result).Reason);
    }

    [Theory]
    [InlineData("sigma")]
    [InlineData("yara")]
    [InlineData("snort")]
    public void Indicators_with_other_pattern_types_are_skipped(string patternType)
    {
        var result = Parse("create", Payload("create", $$"""{"id":"indicator--1","type":"indicator","pattern":"rule x","pattern_type":"{{patternType}}"}"""));

        var skipped = Assert.IsType<StreamSkipped>(result);
        Assert.Equal(SkipReason.NotStixPattern, skipped.Reason);
        Assert.Equal(patternType, skipped.Detail);
    }

    [Fact]
    public void An_indicator_that_stopped_being_stix_is_kept_so_its_old_iocs_can_be_released()
    {
        var data = """{"id":"indicator--1","type":"indicator","pattern":"rule x","pattern_type":"yara"}""";
        var context = """{"reverse_patch":[{"op":"replace","path":"/pattern_type","value":"stix"},{"op":"replace","path":"/pattern","value":"[ipv4-addr:value = '1.2.3.4']"}]}""";

        var result = Assert.IsType<IndicatorEvent>(Parse("update", Payload("update", data, context)));

        Assert.False(result.Indicator.IsStixPattern);
        Assert.True(result.Previous!.IsStixPattern);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"version\":\"4\",\"type\":\"create\"")]
    [InlineData("[]")]
    [InlineData("{\"version\":\"4\",\"type\":\"create\"}")]
    [InlineData("{\"data\":\"text\"}")]
    [InlineData("{\"data\":{\"type\":\"indicator\",\"pattern\":\"[x]\",\"pattern_type\":\"stix\"}}")]
    public void Malformed_frames_are_skipped_not_thrown(string data)
    {
        var result = Parse("create", data);

        Assert.Equal(SkipReason.Malformed, Assert.IsType<StreamSkipped>(result).Reason);
    }

    [Fact]
    public void Unknown_event_names_are_skipped()
    {
        var result = Parse("something-new", "{}");

        var skipped = Assert.IsType<StreamSkipped>(result);
        Assert.Equal(SkipReason.UnknownEvent, skipped.Reason);
        Assert.Equal("something-new", skipped.EventName);
    }

    [Fact]
    public void Recovery_frames_are_marked_by_their_referer()
    {
        var recovery = $$"""{"data":{{Indicator("indicator--1", "[x]")}},"message":"creates a Indicator","origin":{"referer":"init-create"},"version":"4"}""";

        var result = Assert.IsType<IndicatorEvent>(Parse("create", recovery));

        Assert.True(result.IsRecovery);
        Assert.Equal("init-create", result.Referer);
        Assert.Equal("creates a Indicator", result.Message);
        Assert.Null(result.PayloadType);
    }

    [Fact]
    public void Heartbeat_carries_its_id_and_time()
    {
        var result = Parse("heartbeat", "\"2024-06-01T10:15:30.123Z\"");

        var heartbeat = Assert.IsType<StreamHeartbeat>(result);
        Assert.Equal(FrameId, heartbeat.Id);
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 10, 15, 30, 123, TimeSpan.Zero), heartbeat.Time);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("not json")]
    [InlineData("12")]
    public void A_heartbeat_with_odd_data_still_moves_the_position(string data)
    {
        var heartbeat = Assert.IsType<StreamHeartbeat>(Parse("heartbeat", data));

        Assert.Equal(FrameId, heartbeat.Id);
        Assert.Null(heartbeat.Time);
    }

    [Fact]
    public void Connected_reads_the_stream_bounds()
    {
        var result = Parse("connected", """
            {"lastEventId":"1717236930999-3","firstEventId":"1717000000000-0","firstEventDate":"2024-05-29T16:26:40.000Z",
             "lastEventDate":"2024-06-01T10:15:30.999Z","streamSize":1234,"connectionId":"conn-1"}
            """);

        var connected = Assert.IsType<StreamConnected>(result);
        Assert.Equal(StreamEventId.Parse("1717000000000-0"), connected.FirstEventId);
        Assert.Equal(StreamEventId.Parse("1717236930999-3"), connected.LastEventId);
        Assert.Equal(1234, connected.StreamSize);
        Assert.Equal("conn-1", connected.ConnectionId);
        Assert.Equal(new DateTimeOffset(2024, 5, 29, 16, 26, 40, TimeSpan.Zero), connected.FirstEventDate);
    }

    [Fact]
    public void Connected_of_an_empty_stream_has_no_bounds()
    {
        var connected = Assert.IsType<StreamConnected>(Parse("connected", """{"lastEventId":null,"firstEventId":null,"streamSize":0}"""));

        Assert.Null(connected.FirstEventId);
        Assert.Null(connected.LastEventId);
    }

    [Fact]
    public void Raw_data_is_kept_when_the_settings_ask_for_it()
    {
        var keeping = new StreamFrameParser(keepRawData: true, NullLogger.Instance);

        var result = Assert.IsType<IndicatorEvent>(keeping.Parse("create", Encoding.UTF8.GetBytes(Payload("create", Indicator("indicator--1", "[x]"))), FrameId));

        Assert.Equal("indicator--1", result.Indicator.Raw!.Value.GetProperty("id").GetString());
    }

    private StreamEvent Parse(string eventName, string data) => parser.Parse(eventName, Encoding.UTF8.GetBytes(data), FrameId);

    private static string Indicator(string id, string pattern) =>
        $$"""{"id":"{{id}}","spec_version":"2.1","type":"indicator","name":"n","pattern":"{{pattern}}","pattern_type":"stix","labels":[]}""";

    private static string Payload(string type, string data, string? context = null) =>
        context is null
            ? $$"""{"version":"4","type":"{{type}}","scope":"external","message":"m","origin":{"user_id":"u"},"data":{{data}}}"""
            : $$"""{"version":"4","type":"{{type}}","scope":"external","message":"m","origin":{"user_id":"u"},"data":{{data}},"context":{{context}}}""";
}
