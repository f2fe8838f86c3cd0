using Connector.OpenCti.LiveStream;
using Connector.OpenCti.State;
using Connector.OpenCti.Tests.Support;
using OpenCtiSim;
using StreamEventId = Connector.OpenCti.LiveStream.StreamEventId;

namespace Connector.OpenCti.Tests.Integration;

/// <summary>The live stream client against the in-process OpenCTI simulator, over loopback HTTP.</summary>
public sealed class LiveStreamSimTests
{
    [Fact]
    public async Task A_first_run_recovers_every_matching_indicator_then_tails_live_events()
    {
        await using var harness = await SimHarness.StartAsync(new OpenCtiSimOptions { SeedIndicators = 60, HeartbeatInterval = TimeSpan.FromMilliseconds(250) });
        var existing = harness.Platform.Indicators.Where(i => i.PatternType == "stix").Select(i => i.StandardId).ToHashSet(StringComparer.Ordinal);
        var start = ConnectorState.FirstRun(harness.Platform.Options.TimeProvider.GetUtcNow());
        await using var reader = new StreamCollector(harness.Stream, start);

        await reader.WaitForAsync(events => DistinctIds(events).IsSupersetOf(existing));
        var live = harness.Platform.AddIndicator(new IndicatorDraft { Pattern = "[ipv4-addr:value = '203.0.113.250']" });
        var events = await reader.WaitForAsync(events => events.OfType<IndicatorEvent>().Any(e => e.Indicator.Id == live.StandardId));

        var indicatorEvents = events.OfType<IndicatorEvent>().ToList();
        var recovered = indicatorEvents.Where(e => e.IsRecovery).ToList();
        Assert.All(recovered, e => Assert.Equal(IndicatorEventKind.Create, e.Kind));
        Assert.Equal(existing.Order(), recovered.Select(e => e.Indicator.Id).Distinct().Order());
        var liveEvent = Assert.Single(indicatorEvents, e => e.Indicator.Id == live.StandardId);
        Assert.False(liveEvent.IsRecovery);
        Assert.Equal(IndicatorEventKind.Create, liveEvent.Kind);
        Assert.Equal(live.Id, liveEvent.Indicator.InternalId);
        Assert.Equal("[ipv4-addr:value = '203.0.113.250']", liveEvent.Indicator.Pattern);
        Assert.True(liveEvent.Id.Timestamp > start.RecoverUntil!.Value, "a live event comes after the recover date");
    }

    [Fact]
    public async Task Resuming_from_a_saved_id_sends_only_what_came_after()
    {
        await using var harness = await SimHarness.StartAsync();
        var before = Enumerable.Range(1, 5).Select(n => harness.Platform.AddIndicator(Ip(n))).ToList();
        var saved = Position(harness);
        var after = Enumerable.Range(6, 3).Select(n => harness.Platform.AddIndicator(Ip(n))).ToList();

        await using var reader = new StreamCollector(harness.Stream, new ConnectorState(saved, null));
        var events = await reader.WaitForAsync(events => ContainsAll(events, after));
        var ninth = harness.Platform.AddIndicator(Ip(9));
        events = await reader.WaitForAsync(events => events.OfType<IndicatorEvent>().Any(e => e.Indicator.Id == ninth.StandardId));

        var received = events.OfType<IndicatorEvent>().Select(e => e.Indicator.Id).ToList();
        Assert.DoesNotContain(received, id => before.Any(b => b.StandardId == id));
        Assert.Equal(after.Select(a => a.StandardId).Append(ninth.StandardId), received);
        Assert.All(events.OfType<IndicatorEvent>(), e => Assert.True(e.Id > saved));
    }

    [Fact]
    public async Task After_the_simulator_drops_connections_the_client_reconnects_and_loses_no_event()
    {
        await using var harness = await SimHarness.StartAsync();
        await using var reader = new StreamCollector(harness.Stream, new ConnectorState(Position(harness), null));
        await reader.WaitForAsync(events => events.OfType<StreamConnected>().Any());

        var created = new List<SimIndicator>();
        for (var round = 0; round < 5; round++)
        {
            for (var n = 0; n < 20; n++)
            {
                created.Add(harness.Platform.AddIndicator(Ip((round * 20) + n + 1)));
            }

            harness.Platform.DropConnections();
        }

        var events = await reader.WaitForAsync(events => ContainsAll(events, created));

        Assert.True(events.OfType<StreamConnected>().Count() >= 2, "the client reconnected");
        Assert.Equal(created.Select(c => c.StandardId).Order(), DistinctIds(events).Order());
    }

    [Fact]
    public async Task A_recovery_cut_again_and_again_still_delivers_every_indicator()
    {
        await using var harness = await SimHarness.StartAsync();

        // Recovery frames carry "<updated_at-ms>-0" and a resumed recovery restarts at that millisecond, inclusive:
        // progress needs fewer objects per millisecond than frames per connection, as on a real platform.
        for (var n = 0; n < 40; n++)
        {
            harness.Platform.GenerateIndicators(1);
            await Task.Delay(3);
        }

        var expected = harness.Platform.Indicators.Where(i => i.PatternType == "stix").Select(i => i.StandardId).ToHashSet(StringComparer.Ordinal);
        harness.Platform.Faults.DropConnectionsAfterFrames = 12;
        await using var reader = new StreamCollector(harness.Stream, ConnectorState.FirstRun(harness.Platform.Options.TimeProvider.GetUtcNow()));

        var events = await reader.WaitForAsync(events => DistinctIds(events).IsSupersetOf(expected), TimeSpan.FromSeconds(60));

        Assert.True(events.OfType<StreamConnected>().Count() >= 3, "the recovery was cut several times");
        Assert.All(events.OfType<IndicatorEvent>(), e => Assert.True(e.IsRecovery));
    }

    [Fact]
    public async Task Heartbeats_advance_the_position_while_the_stream_is_idle()
    {
        await using var harness = await SimHarness.StartAsync();
        harness.Platform.AddIndicator(Ip(1));
        var saved = Position(harness);
        await using var reader = new StreamCollector(harness.Stream, new ConnectorState(saved, null));

        var events = await reader.WaitForAsync(events => events.OfType<StreamHeartbeat>().Count(h => h.Id > saved) >= 2);

        var heartbeats = events.OfType<StreamHeartbeat>().ToList();
        Assert.All(heartbeats, h => Assert.True(h.Id >= saved));
        Assert.True(heartbeats[^1].Id > saved, "an idle heartbeat moves the position to the platform's now");
        Assert.NotNull(heartbeats[^1].Time);
    }

    [Fact]
    public async Task A_pattern_update_gives_the_previous_pattern_through_reverse_patch()
    {
        await using var harness = await SimHarness.StartAsync();
        var original = harness.Platform.AddIndicator(new IndicatorDraft { Pattern = "[domain-name:value = 'old.example']", Score = 40, Labels = ["a"] });
        await using var reader = new StreamCollector(harness.Stream, new ConnectorState(Position(harness), null));
        await reader.WaitForAsync(events => events.OfType<StreamConnected>().Any());

        var updated = harness.Platform.UpdateIndicator(original.Id, i => i with { Pattern = "[domain-name:value = 'new.example']", Score = 90, Labels = ["a", "b"] });
        var events = await reader.WaitForAsync(events => events.OfType<IndicatorEvent>().Any());

        var update = Assert.Single(events.OfType<IndicatorEvent>());
        Assert.Equal(IndicatorEventKind.Update, update.Kind);
        Assert.Equal("[domain-name:value = 'new.example']", update.Indicator.Pattern);
        Assert.Equal(90, update.Indicator.Score);
        Assert.Equal(["a", "b"], update.Indicator.Labels);
        Assert.NotNull(update.Previous);
        Assert.Equal("[domain-name:value = 'old.example']", update.Previous.Pattern);
        Assert.Equal(40, update.Previous.Score);
        Assert.Equal(["a"], update.Previous.Labels);

        // OpenCTI derives an indicator's STIX id from its pattern: the claimant's id changes with it.
        Assert.Equal(updated.StandardId, update.Indicator.Id);
        Assert.Equal(original.StandardId, update.Previous.Id);
        Assert.Equal(original.Id, update.Indicator.InternalId);
    }

    [Fact]
    public async Task Revoking_arrives_as_an_update_with_the_unrevoked_previous_state()
    {
        await using var harness = await SimHarness.StartAsync();
        var indicator = harness.Platform.AddIndicator(Ip(1));
        await using var reader = new StreamCollector(harness.Stream, new ConnectorState(Position(harness), null));
        await reader.WaitForAsync(events => events.OfType<StreamConnected>().Any());

        harness.Platform.RevokeIndicator(indicator.Id);
        var events = await reader.WaitForAsync(events => events.OfType<IndicatorEvent>().Any());

        var update = Assert.Single(events.OfType<IndicatorEvent>());
        Assert.True(update.Indicator.Revoked);
        Assert.False(update.Previous!.Revoked);
    }

    [Fact]
    public async Task A_merge_lists_the_absorbed_indicators_which_get_no_delete_of_their_own()
    {
        await using var harness = await SimHarness.StartAsync();
        var target = harness.Platform.AddIndicator(Ip(1));
        var first = harness.Platform.AddIndicator(Ip(2));
        var second = harness.Platform.AddIndicator(Ip(3));
        await using var reader = new StreamCollector(harness.Stream, new ConnectorState(Position(harness), null));
        await reader.WaitForAsync(events => events.OfType<StreamConnected>().Any());

        harness.Platform.MergeIndicators(target.Id, [first.Id, second.Id]);
        harness.Platform.AddIndicator(Ip(4));
        var events = await reader.WaitForAsync(events => events.OfType<IndicatorEvent>().Any(e => e.Indicator.Name == Ip(4).Pattern));

        var merge = Assert.Single(events.OfType<IndicatorEvent>(), e => e.Kind == IndicatorEventKind.Merge);
        Assert.Equal(target.StandardId, merge.Indicator.Id);
        Assert.Equal(new[] { first.StandardId, second.StandardId }.Order(), merge.MergedSources.Select(s => s.Id).Order());
        Assert.Contains(merge.MergedSources, s => s.Pattern == Ip(2).Pattern);
        Assert.DoesNotContain(events.OfType<IndicatorEvent>(), e => e.Kind == IndicatorEventKind.Delete);
    }

    [Fact]
    public async Task A_delete_carries_the_indicator_as_it_was()
    {
        await using var harness = await SimHarness.StartAsync();
        var indicator = harness.Platform.AddIndicator(new IndicatorDraft { Pattern = "[file:hashes.'SHA-256' = 'aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899']", Score = 70 });
        await using var reader = new StreamCollector(harness.Stream, new ConnectorState(Position(harness), null));
        await reader.WaitForAsync(events => events.OfType<StreamConnected>().Any());

        harness.Platform.DeleteIndicator(indicator.Id);
        var events = await reader.WaitForAsync(events => events.OfType<IndicatorEvent>().Any());

        var delete = Assert.Single(events.OfType<IndicatorEvent>());
        Assert.Equal(IndicatorEventKind.Delete, delete.Kind);
        Assert.Equal(indicator.StandardId, delete.Indicator.Id);
        Assert.Equal(70, delete.Indicator.Score);
        Assert.Equal(indicator.Pattern, delete.Indicator.Pattern);
    }

    [Fact]
    public async Task Without_listen_delete_no_delete_arrives()
    {
        await using var harness = await SimHarness.StartAsync();
        var indicator = harness.Platform.AddIndicator(Ip(1));
        var quiet = new LiveStreamClient(
            harness.Services<IHttpClientFactory>(),
            new OpenCtiConnection(harness.Sim.BaseAddress, harness.Sim.Options.Token),
            harness.Settings with { ListenDelete = false },
            harness.Services<Diagnostics.OpenCtiInstrumentation>(),
            TimeProvider.System,
            harness.Logger<LiveStreamClient>());
        await using var reader = new StreamCollector(quiet, new ConnectorState(Position(harness), null));
        await reader.WaitForAsync(events => events.OfType<StreamConnected>().Any());

        harness.Platform.DeleteIndicator(indicator.Id);
        harness.Platform.AddIndicator(Ip(2));
        var events = await reader.WaitForAsync(events => events.OfType<IndicatorEvent>().Any());

        Assert.Equal(IndicatorEventKind.Create, Assert.Single(events.OfType<IndicatorEvent>()).Kind);
    }

    [Fact]
    public async Task Updates_entering_and_leaving_the_stream_filter_arrive_as_create_and_delete()
    {
        await using var harness = await SimHarness.StartAsync();
        harness.Platform.CreateLiveStream(
            "high-scores",
            "Scores of 50 and more",
            """{"mode":"and","filters":[{"key":["entity_type"],"values":["Indicator"],"operator":"eq","mode":"or"},{"key":["x_opencti_score"],"values":["50"],"operator":"gte","mode":"or"}],"filterGroups":[]}""");
        var low = harness.Platform.AddIndicator(new IndicatorDraft { Pattern = "[ipv4-addr:value = '192.0.2.10']", Score = 10 });
        var client = new LiveStreamClient(
            harness.Services<IHttpClientFactory>(),
            new OpenCtiConnection(harness.Sim.BaseAddress, harness.Sim.Options.Token),
            harness.Settings with { StreamId = "high-scores" },
            harness.Services<Diagnostics.OpenCtiInstrumentation>(),
            TimeProvider.System,
            harness.Logger<LiveStreamClient>());
        await using var reader = new StreamCollector(client, new ConnectorState(Position(harness), null));
        await reader.WaitForAsync(events => events.OfType<StreamConnected>().Any());

        harness.Platform.UpdateIndicator(low.Id, i => i with { Score = 80 });
        harness.Platform.UpdateIndicator(low.Id, i => i with { Score = 20 });
        var events = await reader.WaitForAsync(events => events.OfType<IndicatorEvent>().Count() >= 2);

        var indicatorEvents = events.OfType<IndicatorEvent>().ToList();
        Assert.Equal([IndicatorEventKind.Create, IndicatorEventKind.Delete], indicatorEvents.Select(e => e.Kind));
        Assert.All(indicatorEvents, e => Assert.Equal("update", e.PayloadType));
        Assert.Equal(80, indicatorEvents[0].Indicator.Score);
        Assert.Equal(10, indicatorEvents[0].Previous!.Score);
        Assert.Equal(20, indicatorEvents[1].Indicator.Score);
    }

    [Fact]
    public async Task Marking_and_author_frames_sent_under_the_indicators_id_are_skipped()
    {
        await using var harness = await SimHarness.StartAsync();
        await using var reader = new StreamCollector(harness.Stream, new ConnectorState(Position(harness), null));
        await reader.WaitForAsync(events => events.OfType<StreamConnected>().Any());

        var indicator = harness.Platform.AddIndicator(new IndicatorDraft
        {
            Pattern = "[ipv4-addr:value = '198.51.100.77']",
            MarkingRefs = [harness.Platform.Markings[0].StandardId],
            CreatedByRef = harness.Platform.Identities[0].StandardId,
        });
        var events = await reader.WaitForAsync(events => events.OfType<IndicatorEvent>().Any());

        var create = Assert.Single(events.OfType<IndicatorEvent>());
        Assert.Equal(indicator.StandardId, create.Indicator.Id);
        Assert.Equal(harness.Platform.Identities[0].StandardId, create.Indicator.CreatedByRef);
        var skipped = events.OfType<StreamSkipped>().ToList();
        Assert.Equal(["identity", "marking-definition"], skipped.Select(s => s.Detail).Order());
        Assert.All(skipped, s => Assert.Equal(SkipReason.NotAnIndicator, s.Reason));
        Assert.All(skipped, s => Assert.Equal(create.Id, s.Id));
    }

    [Fact]
    public async Task Indicators_with_other_pattern_types_are_skipped()
    {
        await using var harness = await SimHarness.StartAsync();
        await using var reader = new StreamCollector(harness.Stream, new ConnectorState(Position(harness), null));
        await reader.WaitForAsync(events => events.OfType<StreamConnected>().Any());

        harness.Platform.AddIndicator(new IndicatorDraft { Pattern = "rule evil { condition: true }", PatternType = "yara" });
        harness.Platform.AddIndicator(Ip(1));
        var events = await reader.WaitForAsync(events => events.OfType<IndicatorEvent>().Any());

        Assert.Contains(events.OfType<StreamSkipped>(), s => s.Reason == SkipReason.NotStixPattern && s.Detail == "yara");
        Assert.Equal(Ip(1).Pattern, Assert.Single(events.OfType<IndicatorEvent>()).Indicator.Pattern);
    }

    [Fact]
    public async Task Resuming_from_before_trimmed_history_is_reported()
    {
        await using var harness = await SimHarness.StartAsync();
        harness.Platform.AddIndicator(Ip(1));
        var saved = Position(harness);
        harness.Platform.AddIndicator(Ip(2));
        harness.Platform.AddIndicator(Ip(3));
        var keptFrom = harness.Platform.LastEventId;
        harness.Platform.AddIndicator(Ip(4));
        harness.Platform.TrimHistory(keptFrom);

        await using var reader = new StreamCollector(harness.Stream, new ConnectorState(saved, null));
        var events = await reader.WaitForAsync(events => events.OfType<HistoryTrimmed>().Any());

        var trimmed = Assert.Single(events.OfType<HistoryTrimmed>());
        Assert.Equal(saved, trimmed.SavedId);
        Assert.Equal(StreamEventId.Parse(harness.Platform.FirstEventId.ToString()), trimmed.FirstEventId);
        Assert.True(trimmed.FirstEventId > saved);
        Assert.IsType<StreamConnected>(events[0]);
    }

    [Fact]
    public async Task Resuming_within_the_history_reports_nothing_trimmed()
    {
        await using var harness = await SimHarness.StartAsync();
        harness.Platform.AddIndicator(Ip(1));
        harness.Platform.AddIndicator(Ip(2));
        var saved = Position(harness);
        harness.Platform.AddIndicator(Ip(3));

        await using var reader = new StreamCollector(harness.Stream, new ConnectorState(saved, null));
        var events = await reader.WaitForAsync(events => events.OfType<IndicatorEvent>().Any());

        Assert.DoesNotContain(events, e => e is HistoryTrimmed);
    }

    [Fact]
    public async Task A_bad_token_stops_the_reader_with_the_configuration_hint()
    {
        await using var harness = await SimHarness.StartAsync(token: "not-the-token");
        await using var reader = new StreamCollector(harness.Stream, ConnectorState.FirstRun(DateTimeOffset.UtcNow));

        var exception = await Assert.ThrowsAsync<LiveStreamException>(() => reader.Completion);

        Assert.Equal(LiveStreamFailure.Unauthorized, exception.Failure);
        Assert.Contains("check OPENCTI_TOKEN and CONNECTOR_LIVE_STREAM_ID", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-token", exception.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, harness.Platform.Counters.StreamRequestsByStatus.GetValueOrDefault(401));
    }

    [Theory]
    [InlineData(LiveStreamStatus.Stopped, LiveStreamFailure.Stopped, "start it in OpenCTI")]
    [InlineData(LiveStreamStatus.Deleted, LiveStreamFailure.Unauthorized, "does not exist or was deleted")]
    public async Task A_stopped_or_deleted_stream_stops_the_reader_with_a_clear_message(LiveStreamStatus status, LiveStreamFailure failure, string message)
    {
        await using var harness = await SimHarness.StartAsync();
        harness.Platform.SetStreamStatus(harness.Settings.StreamId, status);
        await using var reader = new StreamCollector(harness.Stream, ConnectorState.FirstRun(DateTimeOffset.UtcNow));

        var exception = await Assert.ThrowsAsync<LiveStreamException>(() => reader.Completion);

        Assert.Equal(failure, exception.Failure);
        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_stream_id_stops_the_reader_as_unauthorized()
    {
        await using var harness = await SimHarness.StartAsync(streamId: "no-such-stream");
        await using var reader = new StreamCollector(harness.Stream, ConnectorState.FirstRun(DateTimeOffset.UtcNow));

        var exception = await Assert.ThrowsAsync<LiveStreamException>(() => reader.Completion);

        Assert.Equal(LiveStreamFailure.Unauthorized, exception.Failure);
        Assert.Contains("no-such-stream", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_errors_on_connect_are_retried_until_the_stream_answers()
    {
        await using var harness = await SimHarness.StartAsync();
        harness.Platform.AddIndicator(Ip(1));
        harness.Platform.Faults.FailNextStreamRequests(3);
        await using var reader = new StreamCollector(harness.Stream, new ConnectorState(StreamEventId.Zero, null));

        var events = await reader.WaitForAsync(events => events.OfType<IndicatorEvent>().Any());

        Assert.Equal(3, Assert.IsType<StreamConnected>(events[0]).Reconnects);
        Assert.Equal(3, harness.Platform.Counters.StreamRequestsByStatus.GetValueOrDefault(500));
    }

    private static IndicatorDraft Ip(int n) => new() { Pattern = $"[ipv4-addr:value = '198.18.{n / 250}.{(n % 250) + 1}']" };

    private static StreamEventId Position(SimHarness harness) => StreamEventId.Parse(harness.Platform.LastEventId.ToString());

    private static HashSet<string> DistinctIds(IEnumerable<StreamEvent> events) =>
        events.OfType<IndicatorEvent>().Select(e => e.Indicator.Id).ToHashSet(StringComparer.Ordinal);

    private static bool ContainsAll(IEnumerable<StreamEvent> events, IEnumerable<SimIndicator> indicators) =>
        DistinctIds(events).IsSupersetOf(indicators.Select(i => i.StandardId));
}
